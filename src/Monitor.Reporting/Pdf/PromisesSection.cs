using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Promises;
using Monitor.Core.Text;
using Monitor.Reporting.Charts;
using Monitor.Reporting.Text;

using static Monitor.Reporting.Pdf.PdfText;

namespace Monitor.Reporting.Pdf;

/// <summary>The report's section "Anycast promises".</summary>
internal static class PromisesSection
{
    /// <summary>
    /// Speed, consistency, failover and nearness per provider. A gap after which the same site answered
    /// again is an outage, not a failover: the two are counted and listed apart, gaps as durations.
    /// </summary>
    public static void Write(PdfBuilder b, AnalysisReport a, ReportChart? failoverChart)
    {
        b.Break();
        b.Text("Anycast promises", 14, bold: true, after: 4);
        b.Wrapped("Per provider: the median RTT; the worst region's median (continent of the vantage points, else country); failovers, where answers stopped and came back from another site, with the gap from the last good answer to the first good one; outages, where they came back from the same site; the share of vantage points whose anycast site is the one with the lowest RTT on its own unicast address; and the steering seen: anycast (the same address reaches different sites), GeoDNS (different address answers by vantage point), both, or unicast.");
        b.Space(4);
        var provider = a.TargetLatency.GroupBy(t => t.TargetId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Provider, StringComparer.Ordinal);
        var moved = a.Failovers.ToLookup(f => provider.GetValueOrDefault(f.TargetId, f.TargetId), StringComparer.Ordinal);
        var outages = a.Outages.ToLookup(f => provider.GetValueOrDefault(f.TargetId, f.TargetId), StringComparer.Ordinal);
        var nearest = a.Promises.Any(p => p.NearestShare is not null);
        IReadOnlyList<string> header = nearest
            ? ["provider", "p50 ms", "worst region", "failovers", "gap p50", "gap max", "outages", "nearest %", "steering"]
            : ["provider", "p50 ms", "worst region", "failovers", "gap p50", "gap max", "outages", "steering"];
        IReadOnlyList<float> widths = nearest
            ? [0.18f, 0.08f, 0.14f, 0.1f, 0.1f, 0.1f, 0.09f, 0.1f, 0.11f]
            : [0.2f, 0.09f, 0.16f, 0.1f, 0.11f, 0.11f, 0.1f, 0.13f];
        b.Table(header, widths, a.Promises.Select(p =>
        {
            var gaps = moved[p.Provider].Select(f => f.FirstOk - f.LastOk).Order().ToList();
            IReadOnlyList<string> cells =
            [
                SafeText.Label(p.Provider),
                Ms(p.P50Ms),
                p.WorstRegion is null ? "-" : $"{SafeText.Label(p.WorstRegion, 8)} {Ms(p.WorstRegionP50Ms)}",
                N(gaps.Count),
                gaps.Count == 0 ? "-" : Duration(gaps[gaps.Count / 2]),
                gaps.Count == 0 ? "-" : Duration(gaps[^1]),
                N(outages[p.Provider].Count()),
                .. nearest ? [p.NearestShare is { } n ? Pct(100 * n) : "-"] : Array.Empty<string>(),
                OutputWords.Steering(p.Steering),
            ];
            return cells;
        }));
        if (!nearest)
        {
            b.Wrapped("Nearest site: not measured; no target lists its sites' own unicast addresses, so the serving site cannot be compared with the nearest one.", PdfReport.BodySize - 0.5f);
        }

        var continents = a.ConsistencySpread.Where(s => s.Level == "continent").ToList();
        b.Space(8);
        b.Text("Regional consistency (continents), ranked", 12, bold: true, after: 4);
        if (continents.All(s => s.Regions < 2))
        {
            b.Wrapped("Nothing to compare: the vantage points are on one continent (or none has a country).");
        }
        else
        {
            b.Table(
                ["rank", "provider", "regions", "best", "worst", "worst/best", "CV"],
                [0.08f, 0.24f, 0.1f, 0.16f, 0.16f, 0.13f, 0.13f],
                continents.Select(s => (IReadOnlyList<string>)[N(s.Rank), SafeText.Label(s.Provider), N(s.Regions), $"{SafeText.Label(s.BestRegion, 8)} {Ms(s.BestP50Ms)}", $"{SafeText.Label(s.WorstRegion, 8)} {Ms(s.WorstP50Ms)}", Ratio(s.Ratio), Ratio(s.Cv)]));
        }

        if (a.Inflation.Count > 0)
        {
            b.Space(8);
            b.Text("Path inflation: serving site vs nearest site", 12, bold: true, after: 4);
            b.Table(
                ["target", "vantage point", "site", "nearest", "RTT ms", "nearest ms", "ΔRTT ms"],
                [0.16f, 0.17f, 0.12f, 0.12f, 0.12f, 0.14f, 0.17f],
                a.Inflation.OrderByDescending(i => i.InflationMs).Select(i => (IReadOnlyList<string>)[SafeText.Label(i.TargetId), SafeText.Label(i.VantageId), SafeText.Label(i.Site), SafeText.Label(i.BestSite), Ms(i.RttMs), Ms(i.BestRttMs), Signed(i.InflationMs)]),
                rest: "see the HTML report",
                sites: a.Inflation.OrderByDescending(i => i.InflationMs).Select(i => (IReadOnlyList<string>)[i.Site, i.BestSite]));
        }

        Gaps(b, "Failovers: answers came back from another site", [.. a.Failovers]);
        if (failoverChart is not null)
        {
            b.Chart(failoverChart);
        }

        Gaps(b, "Outages: answers came back from the same site (not failovers)", [.. a.Outages]);
    }

    private static void Gaps(PdfBuilder b, string title, List<Failover> list)
    {
        b.Space(8);
        b.Text(title, 12, bold: true, after: 4);
        if (list.Count == 0)
        {
            b.Text("None in the window.");
            return;
        }

        var ordered = list.OrderByDescending(f => f.GapMs).ToList();
        b.Table(
            ["target", "vantage point", "from", "to", "last good (UTC)", "gap", "lost"],
            [0.15f, 0.17f, 0.1f, 0.1f, 0.26f, 0.12f, 0.1f],
            ordered.Select(f => (IReadOnlyList<string>)[SafeText.Label(f.TargetId), SafeText.Label(f.VantageId), SafeText.Label(f.From), SafeText.Label(f.To), Utc(f.LastOk), Duration(f.FirstOk - f.LastOk), N(f.Lost)]),
            rest: "see the HTML report",
            sites: ordered.Select(f => (IReadOnlyList<string>)[f.From, f.To]));
    }
}
