using System.Net;

using Prometheus;

namespace Monitor.Cli.Metrics;

/// <summary>Starts the metrics endpoint beside probing: a failure to listen is a warning, never the end of the run.</summary>
internal static class MetricsServing
{
    /// <summary>
    /// Serves <paramref name="metrics"/> at <paramref name="endpoint"/> on its own thread (prometheus-net's
    /// HttpListener <see cref="MetricServer"/>); null when <paramref name="endpoint"/> is null or the port
    /// cannot be listened on (then a warning line on <paramref name="output"/>).
    /// </summary>
    public static IDisposable? Start(MetricsEndpoint? endpoint, MonitorMetrics metrics, TextWriter output)
    {
        if (endpoint is null)
        {
            return null;
        }

        var server = new MetricServer(endpoint.Host, endpoint.Port, MetricsEndpoint.Path.TrimStart('/') + "/", metrics.Registry);
        try
        {
            server.Start();
        }
        catch (Exception ex) when (ex is HttpListenerException or System.Net.Sockets.SocketException or InvalidOperationException or ObjectDisposedException)
        {
            server.Dispose();
            output.WriteLine($"warning: --metrics: cannot listen on {endpoint} ({ex.Message}); probing goes on without metrics");
            return null;
        }

        output.WriteLine($"metrics at {endpoint.Url}");
        return server;
    }
}
