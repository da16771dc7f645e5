using System.Text.Json;
using System.Text.Json.Serialization;

using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Grouping;
using Monitor.Core.Analysis.Interception;
using Monitor.Core.Analysis.Promises;
using Monitor.Core.Analysis.Routing;
using Monitor.Core.Domain;
using Monitor.Core.Text;
using Monitor.Reporting.Text;

namespace Monitor.Reporting.Export;

/// <summary>
/// The JSON contract of <c>monitor analyze --json</c> (documented in the README): times ISO 8601 UTC,
/// RTTs in ms, shares and loss as fractions 0–1.
/// </summary>
internal static class AnalysisJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(AnalysisReport r, CatchmentComparison? comparison = null) => JsonSerializer.Serialize(
        new
        {
            CatchmentDiff = comparison is null ? null : new
            {
                Baseline = new { From = Time(comparison.Baseline.From), To = Time(comparison.Baseline.To) },
                Moved = comparison.Moved.Select(m => new { Target = m.TargetId, Vantage = m.VantageId, m.Before, m.After }),
                comparison.Unchanged,
                Sites = comparison.Sites.Select(s => new { Target = s.TargetId, s.Site, ShareBefore = Round(s.ShareBefore), ShareAfter = Round(s.ShareAfter) }),
            },
            Window = new { From = Time(r.Window.From), To = Time(r.Window.To) },
            r.Measurements,
            Catchment = r.Catchment.Select(c => new
            {
                Target = c.TargetId,
                Vantage = c.VantageId,
                c.Site,
                SiteConfidence = Confidence(r, c.Site),
                SiteEvidence = Evidence(r, c.Site),
                c.Identity,
                Share = Round(c.Share),
                c.Answers,
                c.Dominant,
            }),
            Sites = r.Sites.Select(s => new { Target = s.TargetId, s.Site, SiteConfidence = Confidence(r, s.Site), SiteEvidence = Evidence(r, s.Site), s.City, s.Country, s.Vantages, Share = Round(s.Share) }),
            Latency = r.Latency.Select(l => Latency(r, l)),
            TargetLatency = r.TargetLatency.Select(l => Latency(r, l)),
            UncertainIdentities = r.UncertainIdentities.Select(u => new { u.Identity, u.Site, Confidence = OutputWords.Confidence(u.Confidence), u.Answers, u.Reason }),
            Providers = r.Providers.Select(p => new
            {
                p.Rank,
                p.Provider,
                p.Vantages,
                Count = p.Latency.Sent,
                Loss = Round(p.Latency.LossPercent / 100),
                P50Ms = Round(p.Latency.P50Ms),
                P95Ms = Round(p.Latency.P95Ms),
            }),
            Shifts = r.Changes.Select(c => new
            {
                Target = c.TargetId,
                Vantage = c.VantageId,
                At = Time(c.At),
                c.From,
                c.To,
                Kind = OutputWords.Kind(c.Kind),
                RttBeforeMs = Round(c.RttBeforeMs),
                RttAfterMs = Round(c.RttAfterMs),
                LastOld = Time(c.LastOld),
                FirstNew = Time(c.FirstNew),
                End = Time(c.End),
                c.Samples,
            }),
            Events = r.Events.Select(e => new
            {
                Target = e.TargetId,
                Start = Time(e.Start),
                End = Time(e.End),
                e.Vantages,
                e.From,
                e.To,
                MedianRttChangeMs = Round(e.MedianRttChangeMs),
                Summary = AnalysisText.Describe(e),
            }),
            Optimal = r.Optimal.Select(o => new { Target = o.TargetId, o.Knowable, o.Optimal, Share = Round(o.Share) }),
            Failovers = r.Failovers.Select(Gap),
            Outages = r.Outages.Select(Gap),
            SoaLag = r.SoaLag.Select(l => new
            {
                Target = l.TargetId,
                l.Site,
                Since = Time(l.Since),
                Cleared = l.Cleared is { } cleared ? Time(cleared) : null,
                l.Serial,
                l.Newest,
                l.Behind,
                DurationS = Round(l.Duration.TotalSeconds),
            }),
            SoaSerials = r.SoaSerials.Select(s => new { Target = s.TargetId, s.Site, s.Serial, From = Time(s.From), To = Time(s.To), s.Answers }),
            AddressChanges = r.AddressChanges.Select(c => new { Target = c.TargetId, Vantage = c.VantageId, At = Time(c.At), From = c.From.ToString(), To = c.To.ToString() }),
            Consistency = r.Consistency.Select(c => new { c.Provider, c.Level, c.Region, c.Vantages, P50Ms = Round((double?)c.P50Ms) }),
            ConsistencySpread = r.ConsistencySpread.Select(s => new
            {
                s.Provider,
                s.Level,
                s.Regions,
                s.BestRegion,
                BestP50Ms = Round((double?)s.BestP50Ms),
                s.WorstRegion,
                WorstP50Ms = Round((double?)s.WorstP50Ms),
                Ratio = Round(s.Ratio),
                Cv = Round(s.Cv),
                s.Rank,
            }),
            Inflation = r.Inflation.Select(i => new
            {
                Target = i.TargetId,
                i.Provider,
                Vantage = i.VantageId,
                i.Site,
                i.BestSite,
                RttMs = Round((double?)i.RttMs),
                BestRttMs = Round((double?)i.BestRttMs),
                InflationMs = Round((double?)i.InflationMs),
            }),
            Nearest = r.Nearest.Select(n => new { Target = n.TargetId, n.Vantages, n.OnNearest, Share = Round(n.Share), MedianInflationMs = Round((double?)n.MedianInflationMs) }),
            Steering = r.Steering.Select(s => new { Target = s.TargetId, s.Provider, Kind = OutputWords.Steering(s.Kind), s.Vantages, s.Sites, s.AnswerSets }),
            Promises = r.Promises.Select(p => new
            {
                p.Provider,
                P50Ms = Round(p.P50Ms),
                p.WorstRegion,
                WorstRegionP50Ms = Round(p.WorstRegionP50Ms),
                p.Failovers,
                p.Outages,
                FailoverMedianMs = Round(p.FailoverMedianMs),
                FailoverMaxMs = Round(p.FailoverMaxMs),
                NearestShare = Round(p.NearestShare),
                Steering = OutputWords.Steering(p.Steering),
            }),
            r.Warnings,
            GroupBy = r.Grouped is { } g ? VantageGroups.Name(g.Grouping) : null,
            GroupedLatency = r.Grouped?.Latency.Select(l => new
            {
                Target = l.TargetId,
                l.Provider,
                l.Group,
                l.Vantages,
                Count = l.Latency.Sent,
                l.Latency.Answered,
                Loss = Round(l.Latency.LossPercent / 100),
                MinMs = Round(l.Latency.MinMs),
                P50Ms = Round(l.Latency.P50Ms),
                P90Ms = Round(l.Latency.P90Ms),
                P95Ms = Round(l.Latency.P95Ms),
                P99Ms = Round(l.Latency.P99Ms),
                MaxMs = Round(l.Latency.MaxMs),
            }),
            GroupedCatchment = r.Grouped?.Catchment.Select(c => new { Target = c.TargetId, c.Group, c.Site, c.Vantages, Share = Round(c.Share) }),
            Interception = r.Interception.Findings.Select(f => new
            {
                Target = f.TargetId,
                Vantage = f.VantageId,
                Reason = OutputWords.Interception(f.Reasons),
                f.Answers,
                f.Identity,
                f.IdentityShape,
                f.OperatorShape,
                f.OperatorExample,
                Rcode = f.Rcode is { } rc ? DnsRcodes.Name(rc) : null,
                OthersRcode = f.OthersRcode is { } orc ? DnsRcodes.Name(orc) : null,
                MinRttMs = Round(f.MinRttMs),
                FloorMs = Round(f.FloorMs),
                f.NearestSite,
                DistanceKm = Round(f.DistanceKm),
            }),
            InterceptionTargets = r.Interception.Targets.Select(t => new
            {
                Target = t.TargetId,
                t.Vantages,
                t.OperatorShape,
                t.OperatorExample,
                DominantRcode = t.DominantRcode is { } d ? DnsRcodes.Name(d) : null,
                t.OperatorSites,
                t.Flagged,
                WithoutLocation = t.VantagesWithoutLocation.Count,
            }),
        },
        Options);

    private static object Latency(AnalysisReport r, LatencyRow l) => new
    {
        Target = l.TargetId,
        l.Provider,
        Vantage = l.VantageId,
        l.Site,
        SiteConfidence = l.Site is null ? null : Confidence(r, l.Site),
        SiteEvidence = l.Site is null ? null : Evidence(r, l.Site),
        Count = l.Latency.Sent,
        l.Latency.Answered,
        Loss = Round(l.Latency.LossPercent / 100),
        MinMs = Round(l.Latency.MinMs),
        P50Ms = Round(l.Latency.P50Ms),
        P90Ms = Round(l.Latency.P90Ms),
        P95Ms = Round(l.Latency.P95Ms),
        P99Ms = Round(l.Latency.P99Ms),
        MaxMs = Round(l.Latency.MaxMs),
        MeanMs = Round(l.Latency.MeanMs),
        StddevMs = Round(l.Latency.StdDevMs),
    };

    /// <summary>The engine's confidence in a site code (<c>high</c>, <c>medium</c>, <c>low</c>, <c>unknown</c>); null for answers without an identity.</summary>
    private static string? Confidence(AnalysisReport r, string site) =>
        r.SiteIdentifications.TryGetValue(site, out var id) ? OutputWords.Confidence(id.Confidence) : null;

    /// <summary>What decided the site and what physics rejected; null for answers without an identity.</summary>
    private static IReadOnlyList<string>? Evidence(AnalysisReport r, string site) =>
        r.SiteIdentifications.TryGetValue(site, out var id) ? [.. id.Evidence, .. id.Reason is null ? Array.Empty<string>() : [id.Reason]] : null;

    private static object Gap(Failover f) => new
    {
        Target = f.TargetId,
        Vantage = f.VantageId,
        f.From,
        f.To,
        LastOk = Time(f.LastOk),
        FirstOk = Time(f.FirstOk),
        GapMs = Round((double?)f.GapMs),
        f.Lost,
    };

    private static string? Time(DateTimeOffset? instant) => instant is { } i ? OutputWords.Utc(i) : null;

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 3) : null;

    private static double Round(double value) => Math.Round(value, 4);
}
