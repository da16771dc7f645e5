using Monitor.Core.Analysis;
using Monitor.Core.Text;
using Monitor.Reporting.Charts;
using Monitor.Reporting.Text;

using static Monitor.Reporting.Pdf.PdfText;

namespace Monitor.Reporting.Pdf;

/// <summary>The PDF's section "Anycast promises".</summary>
internal static class PromisesSection
{
    /// <summary>The section "Anycast promises": speed, consistency, failover and nearness per provider, and the failover chart.</summary>
    public static void Write(PdfBuilder b, AnalysisReport a)
    {
        b.Break();
        b.Text("Anycast promises", 14, bold: true, after: 4);
        b.Wrapped("Per provider (times in ms): the median RTT; the worst region's median (continent of the vantage points, else country); failover gaps from the last good answer to the first good answer after a target stopped answering (burst probes time them closer than the interval); the share of vantage points whose anycast site is the one with the lowest RTT on its own unicast address; and the steering seen: anycast (the same address reaches different sites), GeoDNS (different address answers by vantage point), both, or unicast.");
        b.Space(4);
        b.Table(
            ["provider", "p50", "worst region", "failovers", "gap p50", "gap max", "nearest %", "steering"],
            [0.2f, 0.09f, 0.15f, 0.1f, 0.11f, 0.11f, 0.11f, 0.13f],
            a.Promises.Select(p => (IReadOnlyList<string>)[
                SafeText.Label(p.Provider),
                Ms(p.P50Ms),
                p.WorstRegion is null ? "-" : $"{SafeText.Label(p.WorstRegion, 8)} {Ms(p.WorstRegionP50Ms)}",
                N(p.Failovers),
                Ms(p.FailoverMedianMs),
                Ms(p.FailoverMaxMs),
                p.NearestShare is { } n ? Pct(100 * n) : "-",
                OutputWords.Steering(p.Steering)]));

        var continents = a.ConsistencySpread.Where(s => s.Level == "continent").ToList();
        if (continents.Count > 0)
        {
            b.Space(8);
            b.Text("Regional consistency (continents), ranked", 12, bold: true, after: 4);
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
                ["target", "vantage point", "site", "nearest", "RTT ms", "nearest ms", "inflation ms"],
                [0.16f, 0.17f, 0.12f, 0.12f, 0.12f, 0.14f, 0.17f],
                a.Inflation.Select(i => (IReadOnlyList<string>)[SafeText.Label(i.TargetId), SafeText.Label(i.VantageId), SafeText.Label(i.Site), SafeText.Label(i.BestSite), Ms(i.RttMs), Ms(i.BestRttMs), Ms(i.InflationMs)]));
        }

        if (a.Failovers.Count > 0)
        {
            b.Space(8);
            b.Text("Failovers", 12, bold: true, after: 4);
            b.Table(
                ["target", "vantage point", "from", "to", "last good (UTC)", "gap ms", "lost"],
                [0.15f, 0.17f, 0.1f, 0.1f, 0.26f, 0.12f, 0.1f],
                a.Failovers.Select(f => (IReadOnlyList<string>)[SafeText.Label(f.TargetId), SafeText.Label(f.VantageId), SafeText.Label(f.From), SafeText.Label(f.To), Utc(f.LastOk), Ms(f.GapMs), N(f.Lost)]));
            b.Chart(() => ReportCharts.FailoverGaps(a, ReportFiles.FailoverEventGap), 300);
        }
    }
}
