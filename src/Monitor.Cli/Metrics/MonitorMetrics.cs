using System.Reflection;
using System.Runtime.InteropServices;

using Prometheus;

namespace Monitor.Cli.Metrics;

/// <summary>
/// Monitor's Prometheus metrics, in a registry of their own (no process or runtime collectors; see
/// the README's "Metrics and alerts" for names, labels and the cardinality caps). Updating a metric is
/// an in-memory operation that never waits on a scrape.
/// </summary>
public sealed class MonitorMetrics
{
    /// <summary>Bucket bounds of <c>monitor_probe_rtt_seconds</c>: 0.1 ms to 2 s, about ×1.5 apart from 2 ms to 1 s.</summary>
    public static readonly IReadOnlyList<double> RttBuckets =
    [
        0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075,
        0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 2,
    ];

    /// <summary>Bucket bounds of <c>monitor_round_lateness_seconds</c>: 1 ms to 30 s.</summary>
    public static readonly IReadOnlyList<double> LatenessBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>Creates the metrics; <c>monitor_build_info</c> is set at once.</summary>
    public MonitorMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        ProbeRtt = factory.CreateHistogram(
            "monitor_probe_rtt_seconds",
            "RTT of answered regular probes (the main query), seconds.",
            new HistogramConfiguration { LabelNames = ["target", "provider", "vantage", "site", "transport", "af"], Buckets = [.. RttBuckets] });
        Probes = factory.CreateCounter(
            "monitor_probes_total",
            "Probes sent, by outcome (answered, timeout, network_error, malformed) and kind (regular, burst, site).",
            new CounterConfiguration { LabelNames = ["target", "provider", "vantage", "transport", "af", "kind", "outcome"] });
        SiteChanges = factory.CreateCounter(
            "monitor_site_changes_total",
            "Route shifts: a new site answered 3 consecutive regular probes of a target (the analysis's shift rule).",
            new CounterConfiguration { LabelNames = ["target", "provider", "vantage"] });
        RoundLateness = factory.CreateHistogram(
            "monitor_round_lateness_seconds",
            "How late each regular round started after its scheduled instant, seconds.",
            new HistogramConfiguration { LabelNames = ["vantage"], Buckets = [.. LatenessBuckets] });
        SpoolRounds = factory.CreateGauge("monitor_spool_rounds", "Rounds waiting in the spool (or in memory) for the database.");
        StoreWriteErrors = factory.CreateCounter(
            "monitor_store_write_errors_total",
            "Rounds and burst probes the database did not take when they were recorded (they wait in the spool).");
        AlertsSent = factory.CreateCounter(
            "monitor_alerts_sent_total",
            "Alert webhook documents by receiver and outcome (delivered, failed after the last retry).",
            new CounterConfiguration { LabelNames = ["receiver", "outcome"] });
        AlertsDropped = factory.CreateCounter(
            "monitor_alerts_dropped_total",
            "Alerts dropped, oldest first, because a receiver's queue was full.",
            new CounterConfiguration { LabelNames = ["receiver"] });
        var buildInfo = factory.CreateGauge(
            "monitor_build_info",
            "Always 1; the labels name the build.",
            new GaugeConfiguration { LabelNames = ["version", "runtime"] });
        buildInfo.WithLabels(Version, RuntimeInformation.FrameworkDescription).Set(1);
    }

    /// <summary>The version of this build (the informational version, with the commit when the build knows it).</summary>
    public static string Version { get; } =
        typeof(MonitorMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The registry a scrape collects.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary><c>monitor_probe_rtt_seconds</c>.</summary>
    public Histogram ProbeRtt { get; }

    /// <summary><c>monitor_probes_total</c>.</summary>
    public Counter Probes { get; }

    /// <summary><c>monitor_site_changes_total</c>.</summary>
    public Counter SiteChanges { get; }

    /// <summary><c>monitor_round_lateness_seconds</c>.</summary>
    public Histogram RoundLateness { get; }

    /// <summary><c>monitor_spool_rounds</c>.</summary>
    public Gauge SpoolRounds { get; }

    /// <summary><c>monitor_store_write_errors_total</c>.</summary>
    public Counter StoreWriteErrors { get; }

    /// <summary><c>monitor_alerts_sent_total</c>.</summary>
    public Counter AlertsSent { get; }

    /// <summary><c>monitor_alerts_dropped_total</c>.</summary>
    public Counter AlertsDropped { get; }

    /// <summary>Sets <c>monitor_spool_rounds</c> from <paramref name="pending"/> before each scrape (never on a round's path).</summary>
    public void WatchSpool(Func<int> pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        Registry.AddBeforeCollectCallback(() =>
        {
            try
            {
                SpoolRounds.Set(pending());
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The spool directory is being changed or is unreadable: keep the last value.
            }
        });
    }

    /// <summary>The scrape as Prometheus text (tests and diagnostics).</summary>
    public async Task<string> ScrapeAsync(CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(stream, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
