using System.Net;
using System.Text.Json;

using Monitor.Cli.Alerts;
using Monitor.Cli.Metrics;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Alerts;

/// <summary>Kept rounds turned into alerts, and the alert document; in process, nothing sent.</summary>
public sealed class AlertListenerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Target Target = new("t", IPAddress.Loopback) { Provider = "p" };
    private static readonly AlertReceiver Nowhere = new("r", new Uri("http://127.0.0.1:9/"), new Dictionary<string, string>(), TimeSpan.FromSeconds(1));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Feeds one regular probe a second: a site name, or null for no answer; returns the alerts raised.</summary>
    private static List<Alert> Feed(AlertsConfig config, params string?[] sites)
    {
        var alerts = new List<Alert>();
        var listener = new AlertListener(config, alerts.Add, SiteResolver.CreateDefault());
        for (var i = 0; i < sites.Length; i++)
        {
            var m = Some.Measurement("vp", "t", T0.AddSeconds(i), sites[i] is null ? ProbeOutcome.Timeout : ProbeOutcome.Answered, 20, idServer: sites[i], nsid: null);
            listener.Kept(KeptRounds.Of(new Dictionary<string, Target> { ["t"] = Target }, true, m));
        }

        return alerts;
    }

    [Fact]
    public void Kept_RouteShift_OneSiteChangeAlertNamingBothSites()
    {
        var alerts = Feed(new AlertsConfig([Nowhere], []), "ams1", "ams1", "ams1", "fra1", "fra1", "fra1", "fra1");

        var alert = Assert.Single(alerts);
        var resolve = SiteResolver.CreateDefault();
        Assert.Equal(("MonitorSiteChange", "firing", T0.AddSeconds(3), (DateTimeOffset?)null), (alert.Name, alert.Status, alert.StartsAt, alert.EndsAt));
        Assert.Equal((resolve.Resolve("ams1").Code, resolve.Resolve("fra1").Code, "t", "p", "vp"), (alert.Labels["from_site"], alert.Labels["to_site"], alert.Labels["target"], alert.Labels["provider"], alert.Labels["vantage"]));
    }

    [Fact]
    public void Kept_Outage_FiresAtTheThirdLossAndResolvesAtTheAnswer()
    {
        var alerts = Feed(new AlertsConfig([Nowhere], []), "ams1", null, null, null, null, "ams1");

        Assert.Equal([("MonitorOutage", "firing"), ("MonitorOutage", "resolved")], alerts.Select(a => (a.Name, a.Status)));
        Assert.Equal((T0.AddSeconds(1), T0.AddSeconds(5)), (alerts[1].StartsAt, alerts[1].EndsAt!.Value));
        Assert.Equal(alerts[0].Fingerprint, alerts[1].Fingerprint);
    }

    [Fact]
    public void Kept_KindsTurnedOff_NoAlerts()
    {
        Assert.Empty(Feed(new AlertsConfig([Nowhere], []) { RouteShifts = false, Outages = false }, "ams1", "ams1", "ams1", "fra1", "fra1", "fra1", null, null, null, "fra1"));
    }

    [Fact]
    public void Kept_LatencyThreshold_FiresForItsTargetOnly()
    {
        var forOther = new AlertThreshold("other", TimeSpan.FromMinutes(1), null, TimeSpan.FromMilliseconds(1), 1);
        var forT = new AlertThreshold("t", TimeSpan.FromMinutes(1), null, TimeSpan.FromMilliseconds(10), 2);

        var alert = Assert.Single(Feed(new AlertsConfig([Nowhere], [forOther, forT]), "ams1", "ams1"));

        Assert.Equal(("MonitorLatencyHigh", "firing", "1m"), (alert.Name, alert.Status, alert.Labels["window"]));
        Assert.Equal("t: median RTT 20 ms from vantage vp, above 10 ms", alert.Annotations["summary"]);
    }

    [Fact]
    public void Document_HasAlertmanagersWebhookShape()
    {
        var alert = Feed(new AlertsConfig([Nowhere], []), null, null, null, "ams1")[1];

        using var json = JsonDocument.Parse(AlertDocument.Write(alert, "ops"));
        var root = json.RootElement;
        Assert.Equal(
            ["version", "groupKey", "truncatedAlerts", "status", "receiver", "groupLabels", "commonLabels", "commonAnnotations", "externalURL", "alerts"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("4", "resolved", "ops", "{}:{alertname=\"MonitorOutage\"}"), (root.GetProperty("version").GetString(), root.GetProperty("status").GetString(), root.GetProperty("receiver").GetString(), root.GetProperty("groupKey").GetString()));
        var one = Assert.Single(root.GetProperty("alerts").EnumerateArray().ToList());
        Assert.Equal(["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"], one.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("2026-01-01T00:00:00.000Z", "2026-01-01T00:00:03.000Z", alert.Fingerprint), (one.GetProperty("startsAt").GetString(), one.GetProperty("endsAt").GetString(), one.GetProperty("fingerprint").GetString()));
        Assert.Equal(["alertname", "provider", "severity", "target", "vantage"], one.GetProperty("labels").EnumerateObject().Select(p => p.Name));
        Assert.Equal("critical", one.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal(["description", "summary"], one.GetProperty("annotations").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Enqueue_QueueFullWithSlowReceiver_DropsOldestAndCountsIt()
    {
        using var slow = new WebhookReceiver(delay: TimeSpan.FromSeconds(3));
        var metrics = new MonitorMetrics();
        var config = new AlertsConfig([new AlertReceiver("slow", slow.Url, new Dictionary<string, string>(), TimeSpan.FromSeconds(10))], []) { QueueSize = 2 };
        var alerts = Feed(new AlertsConfig([Nowhere], []), "ams1", null, null, null, "ams1", null, null, null, "ams1");
        Assert.Equal(4, alerts.Count);
        var log = new List<string>();
        using var http = new HttpClient();
        await using var sender = new AlertSender(config.Receivers[0], config, http, metrics, TimeProvider.System, log.Add);

        // Enqueue is a TryWrite on a bounded channel that drops its oldest: it returns at once.
        for (var i = 0; i < 20; i++)
        {
            sender.Enqueue(alerts[i % alerts.Count]);
        }

        await sender.StopAsync(TimeSpan.FromMilliseconds(500));

        // At most one in flight and two queued, so at least 17 of the 20 were dropped, oldest first.
        var dropped = (await metrics.ScrapeAsync(Ct)).Split('\n').Single(l => l.StartsWith("monitor_alerts_dropped_total{receiver=\"slow\"}", StringComparison.Ordinal));
        Assert.InRange(double.Parse(dropped.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), 17, 19);
        Assert.Contains(log, l => l.StartsWith("alerts: stopped with ", StringComparison.Ordinal) && l.EndsWith(" alert(s) for slow (" + slow.Url + ") not delivered", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, 250)]
    [InlineData(2, 500)]
    [InlineData(3, 1000)]
    [InlineData(5, 2000)]
    [InlineData(30, 2000)]
    public void BackoffBefore_DoublesUpToTheMaximum(int retry, int ms)
    {
        var config = new AlertsConfig([Nowhere], []) { Backoff = TimeSpan.FromMilliseconds(250), MaxBackoff = TimeSpan.FromSeconds(2) };
        Assert.Equal(TimeSpan.FromMilliseconds(ms), config.BackoffBefore(retry));
    }
}
