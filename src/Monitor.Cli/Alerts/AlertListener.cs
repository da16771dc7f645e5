using System.Globalization;

using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Analysis.Watch;
using Monitor.Core.Domain;
using Monitor.Core.Text;
using Monitor.Rounds;

namespace Monitor.Cli.Alerts;

/// <summary>
/// Raises alerts from kept rounds: <c>MonitorSiteChange</c> on a route shift (the analysis's shift
/// rule, <see cref="RouteWatch"/>), <c>MonitorOutage</c> when an outage starts and when it ends, and
/// <c>MonitorLossHigh</c> / <c>MonitorLatencyHigh</c> when a threshold fires and resolves
/// (<see cref="ThresholdWatch"/>). Only regular probes count. Work per round is in memory; the
/// alerts go to a queue (<see cref="AlertDispatcher"/>).
/// </summary>
public sealed class AlertListener : IRoundListener
{
    private readonly AlertsConfig _config;
    private readonly Action<Alert> _send;
    private readonly SiteResolver _sites;
    private readonly RouteWatch _routes = new(new RouteOptions());
    private readonly List<(AlertThreshold Threshold, ThresholdWatch Watch)> _thresholds;
    private readonly Lock _gate = new();

    /// <summary>Creates a listener that hands its alerts to <paramref name="send"/>.</summary>
    public AlertListener(AlertsConfig config, Action<Alert> send, SiteResolver sites)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _send = send ?? throw new ArgumentNullException(nameof(send));
        _sites = sites ?? throw new ArgumentNullException(nameof(sites));
        _thresholds = [.. config.Thresholds.Select(t => (t, new ThresholdWatch(t.Window, t.Loss, t.LatencyP50, t.MinProbes)))];
    }

    /// <inheritdoc/>
    public void Kept(KeptRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var alerts = new List<Alert>();
        lock (_gate)
        {
            foreach (var m in round.Measurements.Where(m => m.Kind == ProbeKind.Regular))
            {
                var provider = round.Targets.GetValueOrDefault(m.TargetId)?.Provider ?? string.Empty;
                var site = m.IsAnswered && !m.Identity.IsEmpty ? _sites.Resolve(m.Identity).Code : null;
                foreach (var e in _routes.Add(m.TargetId, m.VantageId, m.Started, m.IsAnswered, site))
                {
                    if (FromRoute(e, provider) is { } alert)
                    {
                        alerts.Add(alert);
                    }
                }

                foreach (var (threshold, watch) in _thresholds.Where(t => t.Threshold.Target is null || t.Threshold.Target == m.TargetId))
                {
                    alerts.AddRange(watch.Add(m.TargetId, m.VantageId, m.Started, m.IsAnswered, m.Rtt).Select(e => FromThreshold(e, threshold, provider)));
                }
            }
        }

        foreach (var alert in alerts)
        {
            _send(alert);
        }
    }

    private Alert? FromRoute(RouteWatchEvent e, string provider)
    {
        switch (e.Kind)
        {
            case RouteWatchKind.Shift when _config.RouteShifts:
                var labels = Labels("MonitorSiteChange", "warning", e.TargetId, provider, e.VantageId);
                labels["from_site"] = e.From ?? string.Empty;
                labels["to_site"] = e.To ?? string.Empty;
                return new Alert(
                    true,
                    labels,
                    Annotations(
                        $"{e.TargetId}: vantage {e.VantageId} now reaches site {e.To} (was {e.From})",
                        $"Route shift: {e.To} answered {e.Probes} consecutive probes from {OutputWords.Utc(e.Since)}, after {e.From}."),
                    e.Since,
                    null);
            case RouteWatchKind.OutageStarted when _config.Outages:
                return new Alert(
                    true,
                    Labels("MonitorOutage", "critical", e.TargetId, provider, e.VantageId),
                    Annotations($"{e.TargetId}: no answer to vantage {e.VantageId}", $"{e.Probes} consecutive probes unanswered since {OutputWords.Utc(e.Since)}{(e.From is null ? string.Empty : $" (last site {e.From})")}."),
                    e.Since,
                    null);
            case RouteWatchKind.OutageEnded when _config.Outages:
                return new Alert(
                    false,
                    Labels("MonitorOutage", "critical", e.TargetId, provider, e.VantageId),
                    Annotations($"{e.TargetId}: answers vantage {e.VantageId} again", $"{e.Probes} probes unanswered from {OutputWords.Utc(e.Since)}; answered at {OutputWords.Utc(e.At)}{(e.To is null ? string.Empty : $" by site {e.To}")}."),
                    e.Since,
                    e.At);
            default:
                return null;
        }
    }

    private static Alert FromThreshold(ThresholdEvent e, AlertThreshold threshold, string provider)
    {
        var loss = e.Kind == ThresholdKind.Loss;
        var labels = Labels(loss ? "MonitorLossHigh" : "MonitorLatencyHigh", "warning", e.TargetId, provider, e.VantageId);
        labels["window"] = DurationText.Format(threshold.Window);
        var value = loss ? Percent(e.Value) : Ms(e.Value);
        var limit = loss ? Percent(e.Limit) : Ms(e.Limit);
        var what = loss ? "loss" : "median RTT";
        var summary = e.Firing
            ? $"{e.TargetId}: {what} {value} from vantage {e.VantageId}, above {limit}"
            : $"{e.TargetId}: {what} {value} from vantage {e.VantageId}, back under {limit}";
        var annotations = Annotations(summary, $"{what} over the last {DurationText.Format(threshold.Window)} ({e.Probes} probes): {value}; the limit is {limit}.");
        annotations["value"] = e.Value.ToString("0.######", CultureInfo.InvariantCulture);
        return new Alert(e.Firing, labels, annotations, e.Since, e.Firing ? null : e.At);
    }

    private static SortedDictionary<string, string> Labels(string name, string severity, string target, string provider, string vantage) =>
        new(StringComparer.Ordinal)
        {
            ["alertname"] = name,
            ["severity"] = severity,
            ["target"] = target,
            ["provider"] = provider,
            ["vantage"] = vantage,
        };

    private static SortedDictionary<string, string> Annotations(string summary, string description) =>
        new(StringComparer.Ordinal) { ["summary"] = summary, ["description"] = description };

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Ms(double seconds) => (seconds * 1000).ToString("0.###", CultureInfo.InvariantCulture) + " ms";
}
