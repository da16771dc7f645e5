using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

using Monitor.Testing;

namespace Monitor.Cli.Tests.Alerts;

/// <summary>An HTTP receiver on 127.0.0.1 (HttpListener) that records every POST and answers with a chosen status after a chosen delay.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(JsonElement Body, string? Authorization, string? Key, DateTimeOffset At)> _received = new();
    private readonly HttpStatusCode _status;
    private readonly TimeSpan _delay;
    private readonly Task _loop;

    public WebhookReceiver(HttpStatusCode status = HttpStatusCode.OK, TimeSpan delay = default)
    {
        _status = status;
        _delay = delay;
        Port = NsdServer.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hook");

    /// <summary>The documents received, in order.</summary>
    public IReadOnlyList<(JsonElement Body, string? Authorization, string? Key, DateTimeOffset At)> Received => [.. _received];

    /// <summary>(alertname, status) of each document received.</summary>
    public IReadOnlyList<(string Name, string Status)> Alerts =>
        [.. Received.Select(r => (r.Body.GetProperty("commonLabels").GetProperty("alertname").GetString()!, r.Body.GetProperty("status").GetString()!))];

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream);
            var text = await reader.ReadToEndAsync().ConfigureAwait(false);
            using var json = JsonDocument.Parse(text);
            _received.Enqueue((json.RootElement.Clone(), context.Request.Headers["Authorization"], context.Request.Headers["X-Key"], DateTimeOffset.UtcNow));
            if (_delay > TimeSpan.Zero)
            {
                await Task.Delay(_delay).ConfigureAwait(false);
            }

            context.Response.StatusCode = (int)_status;
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException or JsonException)
        {
            // the sender gave up waiting, or the test is over
        }
    }
}
