using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;

using Monitor.Cli.Metrics;

namespace Monitor.Cli.Alerts;

/// <summary>
/// Delivers alerts to one receiver from a bounded queue, on a task of its own, so that a receiver
/// that is down, slow or failing never holds up probing: <see cref="Enqueue"/> never waits, and when
/// the queue is full the oldest alert is dropped and counted in <c>monitor_alerts_dropped_total</c>.
/// Each alert is tried up to <see cref="AlertsConfig.Attempts"/> times with exponential back-off
/// (<see cref="AlertsConfig.BackoffBefore"/>); a 2xx answer delivers it; a network error, a timeout,
/// 408, 429 or a 5xx is tried again; another 4xx, or the last try failing, gives it up with a log line.
/// </summary>
internal sealed class AlertSender : IAsyncDisposable
{
    private readonly AlertReceiver _receiver;
    private readonly AlertsConfig _config;
    private readonly HttpClient _http;
    private readonly MonitorMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;
    private readonly Channel<Alert> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _stopped;

    public AlertSender(AlertReceiver receiver, AlertsConfig config, HttpClient http, MonitorMetrics metrics, TimeProvider time, Action<string> log)
    {
        _receiver = receiver;
        _config = config;
        _http = http;
        _metrics = metrics;
        _time = time;
        _log = log;
        var dropped = metrics.AlertsDropped.WithLabels(receiver.Name);
        _queue = Channel.CreateBounded<Alert>(
            new BoundedChannelOptions(config.QueueSize) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => dropped.Inc());
        _metrics.AlertsSent.WithLabels(receiver.Name, "delivered");
        _metrics.AlertsSent.WithLabels(receiver.Name, "failed");
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Queues an alert; never waits (a full queue drops its oldest).</summary>
    public void Enqueue(Alert alert) => _queue.Writer.TryWrite(alert);

    /// <summary>
    /// Stops taking alerts, gives those queued until <paramref name="patience"/> has passed to be
    /// delivered, then abandons the rest (a try in flight is cancelled).
    /// </summary>
    public async Task StopAsync(TimeSpan patience)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        var waited = await Task.WhenAny(_loop, Task.Delay(patience, _time)).ConfigureAwait(false);
        if (waited != _loop && !_loop.IsCompleted)
        {
            var left = _queue.Reader.Count;
            await _stop.CancelAsync().ConfigureAwait(false);
            _log($"alerts: stopped with {left} alert(s) for {_receiver} not delivered");
        }

        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Stops at once; what is still queued is abandoned.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(TimeSpan.Zero).ConfigureAwait(false);

    private async Task LoopAsync()
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (_queue.Reader.TryRead(out var alert))
                {
                    await DeliverAsync(alert, _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // stopped with alerts still queued: StopAsync said so
        }
    }

    private async Task DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        var body = AlertDocument.Write(alert, _receiver.Name);
        var problem = string.Empty;
        for (var attempt = 1; attempt <= _config.Attempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(_config.BackoffBefore(attempt - 1), _time, cancellationToken).ConfigureAwait(false);
            }

            bool retry;
            (retry, problem) = await TryAsync(body, cancellationToken).ConfigureAwait(false);
            if (problem.Length == 0)
            {
                _metrics.AlertsSent.WithLabels(_receiver.Name, "delivered").Inc();
                return;
            }

            if (!retry)
            {
                _metrics.AlertsSent.WithLabels(_receiver.Name, "failed").Inc();
                _log($"alerts: gave up sending {alert} to {_receiver}: {problem} (not retried)");
                return;
            }
        }

        _metrics.AlertsSent.WithLabels(_receiver.Name, "failed").Inc();
        _log($"alerts: gave up sending {alert} to {_receiver} after {_config.Attempts.ToString(CultureInfo.InvariantCulture)} attempt(s): {problem}");
    }

    /// <summary>One POST; the problem is empty when delivered, else says what went wrong and whether to try again.</summary>
    private async Task<(bool Retry, string Problem)> TryAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_receiver.Timeout, _time);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, _receiver.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in _receiver.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, both.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return (false, string.Empty);
            }

            var retry = code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            return (retry, $"HTTP {code.ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}".TrimEnd());
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (true, $"no answer within {Monitor.Core.Text.DurationText.Format(_receiver.Timeout)}");
        }
        catch (HttpRequestException ex)
        {
            return (true, ex.Message);
        }
    }
}
