using Monitor.Cli.Metrics;

namespace Monitor.Cli.Alerts;

/// <summary>Hands every alert to each receiver's <see cref="AlertSender"/>; sending never waits on the network.</summary>
public sealed class AlertDispatcher : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly List<AlertSender> _senders;

    /// <summary>Starts a sender per receiver of <paramref name="config"/>.</summary>
    /// <param name="config">The <c>alerts:</c> block.</param>
    /// <param name="metrics">Counts deliveries, failures and drops.</param>
    /// <param name="time">The clock for back-off and timeouts.</param>
    /// <param name="log">Hears give-ups, one line each; called from the senders' tasks.</param>
    public AlertDispatcher(AlertsConfig config, MonitorMetrics metrics, TimeProvider time, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each try has the receiver's own timeout
        };
        _senders = [.. config.Receivers.Select(r => new AlertSender(r, config, _http, metrics, time, log))];
    }

    /// <summary>Queues <paramref name="alert"/> for every receiver.</summary>
    public void Send(Alert alert)
    {
        foreach (var sender in _senders)
        {
            sender.Enqueue(alert);
        }
    }

    /// <summary>Delivers what is queued for up to <paramref name="patience"/>, then stops.</summary>
    public async Task StopAsync(TimeSpan patience)
    {
        await Task.WhenAll(_senders.Select(s => s.StopAsync(patience))).ConfigureAwait(false);
    }

    /// <summary>Stops at once (what is queued is abandoned) and releases the HTTP client.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders)
        {
            await sender.DisposeAsync().ConfigureAwait(false);
        }

        _http.Dispose();
    }
}
