using System.Globalization;

using Monitor.Core.Analysis.Promises;
using Monitor.Core.Analysis.Routing;
using Monitor.Core.Text;
using Monitor.Reporting.Text;

using static Monitor.Reporting.Pdf.PdfText;

namespace Monitor.Reporting.View;

/// <summary>
/// The report's findings as ranked sentences with numbers and full UTC times: shifts with their signed
/// ΔRTT, sites on another continent, unknown sites, outages (answers came back from the same site)
/// versus failovers (from another), loss, physics and interception, and which provider is fastest where.
/// </summary>
internal static class Findings
{
    public static IReadOnlyList<Finding> Build(ReportView view, IReadOnlyList<PhysicsViolation> physics)
    {
        var a = view.Analysis;
        var list = new List<Finding>();

        foreach (var e in a.Events)
        {
            var when = e.End - e.Start > TimeSpan.FromSeconds(1) ? $"between {Utc(e.Start)} and {Utc(e.End)}" : $"at {Utc(e.Start)}";
            var delta = e.MedianRttChangeMs is { } d ? $", {SignedMs(d)} (median ΔRTT)" : string.Empty;
            list.Add(new Finding(
                60 + (5 * e.Vantages.Count) + Math.Abs(e.MedianRttChangeMs ?? 0),
                $"{SafeText.Label(e.TargetId)}: {Names(e.Vantages)} moved {SafeText.Label(e.From)} → {SafeText.Label(e.To)} {when}{delta}.",
                [e.From, e.To]));
        }

        foreach (var target in view.Targets)
        {
            var remote = view.Rows.Select(r => (Row: r, Cell: view.Cell(r.Key, target))).Where(x => x.Cell is { Remote: true }).OrderByDescending(x => x.Cell!.P50Ms ?? 0).ToList();
            if (remote.Count > 0)
            {
                var worst = remote[0];
                var site = worst.Cell!.ColourSite!;
                var more = remote.Count > 1 ? $"; {view.RowCount(remote.Count)} in all" : string.Empty;
                list.Add(new Finding(
                    30 + Math.Min(30, (worst.Cell.P50Ms ?? 0) / 10) + Math.Min(10, remote.Count),
                    $"{SafeText.Label(target)}: {worst.Row.Label} is served from {SiteName(view, site)} on another continent, p50 {Ms(worst.Cell.P50Ms)} ms{more}.",
                    [site]));
            }

            foreach (var (row, cell) in view.Rows.Select(r => (r, view.Cell(r.Key, target))).Where(x => x.Item2 is { Unknown: true }).Take(3))
            {
                list.Add(new Finding(
                    45 + ((cell!.P50Ms ?? 0) / 10),
                    $"{SafeText.Label(target)}: {row.Label} is answered by {SafeText.Label(cell.ColourSite, 40)}, an identity no rule places, p50 {Ms(cell.P50Ms)} ms.",
                    [cell.ColourSite!]));
            }
        }

        // Outages one sentence each when few, else one per target.
        foreach (var byTarget in a.Changes.Where(c => c.Kind == RouteChangeKind.Outage).GroupBy(c => c.TargetId, StringComparer.Ordinal))
        {
            var outages = byTarget.OrderByDescending(o => Gap(o, view.Content.Series.TypicalInterval)).ToList();
            foreach (var o in outages.Count <= 2 ? outages : [])
            {
                var gap = Gap(o, view.Content.Series.TypicalInterval);
                var back = o.To is null ? "and had not answered again by the end of the window" : string.Equals(o.To, o.From, StringComparison.Ordinal)
                    ? $"then {SafeText.Label(o.To)} answered again (an outage, not a failover)"
                    : $"then {SafeText.Label(o.To)} answered instead of {SafeText.Label(o.From ?? "-")} (a failover)";
                list.Add(new Finding(
                    35 + Math.Min(30, gap.TotalMinutes) + (o.To is null ? 20 : 0),
                    $"{SafeText.Label(o.TargetId)}: {SafeText.Label(o.VantageId)} got no answer to {N(o.Samples)} probes for {DurationText.Format(gap)} from {Utc(o.At)}, {back}.",
                    [.. new[] { o.From, o.To }.OfType<string>()]));
            }

            if (outages.Count > 2)
            {
                var same = outages.Count(o => o.To is not null && string.Equals(o.To, o.From, StringComparison.Ordinal));
                list.Add(new Finding(
                    40 + Math.Min(20, outages.Count),
                    $"{SafeText.Label(byTarget.Key)}: {Names([.. outages.Select(o => o.VantageId)])} had outages between {Utc(outages.Min(o => o.At))} and {Utc(outages.Max(o => o.At))}, the longest {DurationText.Format(Gap(outages[0], view.Content.Series.TypicalInterval))}; {N(same)} came back on the same site (outages, not failovers).",
                    []));
            }
        }

        // Failovers (another site answered after the gap) that no outage above already tells, per target and pair of sites.
        var told = a.Changes.Where(c => c.Kind == RouteChangeKind.Outage).Select(c => (c.TargetId, c.VantageId, c.LastOld)).ToHashSet();
        foreach (var pair in a.Failovers.Where(f => !told.Contains((f.TargetId, f.VantageId, (DateTimeOffset?)f.LastOk)))
            .GroupBy(f => (f.TargetId, f.From, f.To)).OrderByDescending(g => g.Count()))
        {
            var gaps = pair.Select(f => f.FirstOk - f.LastOk).Order().ToList();
            var first = pair.MinBy(f => f.LastOk)!;
            var text = gaps.Count == 1
                ? $"{SafeText.Label(first.TargetId)}: {SafeText.Label(first.VantageId)} failed over {SafeText.Label(first.From)} → {SafeText.Label(first.To)} after {DurationText.Format(Round(gaps[0]))} without a good answer, from {Utc(first.LastOk)}."
                : $"{SafeText.Label(first.TargetId)}: {Names([.. pair.OrderBy(f => f.LastOk).Select(f => f.VantageId)])} failed over {SafeText.Label(first.From)} → {SafeText.Label(first.To)} from {Utc(first.LastOk)}, gaps {DurationText.Format(Round(gaps[gaps.Count / 2]))} median, {DurationText.Format(Round(gaps[^1]))} longest.";
            list.Add(new Finding(50 + Math.Min(20, gaps.Count), text, [first.From, first.To]));
        }

        var lossy = view.Rows.SelectMany(r => view.Targets.Select(t => (Row: r, Target: t, Cell: view.Cell(r.Key, t))))
            .Where(x => x.Cell is { Sent: >= 10 } c && c.LossPercent >= 5).OrderByDescending(x => x.Cell!.LossPercent).Take(3);
        foreach (var (row, target, cell) in lossy)
        {
            list.Add(new Finding(
                20 + cell!.LossPercent,
                $"{SafeText.Label(target)} from {row.Label}: {Pct(cell.LossPercent)} % of {N(cell.Sent)} probes got no answer.",
                cell.ColourSite is null ? [] : [cell.ColourSite]));
        }

        if (physics.Count > 0)
        {
            var p = physics[0];
            list.Add(new Finding(
                70 + physics.Count,
                $"{ReportView.Count(physics.Count, "answer set")} {(physics.Count == 1 ? "is" : "are")} faster than light allows (section Truth), e.g. {SafeText.Label(p.TargetId)} from {SafeText.Label(p.VantageId)}: {Ms(p.MinRttMs)} ms to {SafeText.Label(p.Site)}, {Km(p.DistanceKm)} away (floor {Ms(p.FloorMs)} ms).",
                [p.Site]));
        }

        if (a.Interception.Findings.Count > 0)
        {
            var i = a.Interception.Findings[0];
            list.Add(new Finding(
                75 + a.Interception.Findings.Count,
                $"{N(a.Interception.Findings.Count)} vantage point/target pair{(a.Interception.Findings.Count == 1 ? " is" : "s are")} possibly intercepted (section Truth), e.g. {SafeText.Label(i.TargetId)} from {SafeText.Label(i.VantageId)}.",
                []));
        }

        Fastest(view, list);
        return [.. list.OrderByDescending(f => f.Score).ThenBy(f => f.Text, StringComparer.Ordinal)];
    }

    /// <summary>How long an outage lasted: last answer before to first answer after, or its lost probes' span.</summary>
    public static TimeSpan Gap(RouteChange outage, TimeSpan? interval)
    {
        var step = interval ?? TimeSpan.Zero;
        var gap = outage.LastOld is { } before && outage.FirstNew is { } after
            ? after - before - step
            : (outage.End ?? outage.At) - outage.At + step;
        return Round(gap < TimeSpan.Zero ? TimeSpan.Zero : gap);
    }

    /// <summary>A signed RTT change: <c>+5.2 ms</c>, <c>−3.0 ms</c>.</summary>
    public static string SignedMs(double ms) =>
        (ms >= 0 ? "+" : "−") + Math.Abs(ms).ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static TimeSpan Round(TimeSpan t) => t >= TimeSpan.FromMinutes(1)
        ? TimeSpan.FromSeconds(Math.Round(t.TotalSeconds))
        : TimeSpan.FromMilliseconds(Math.Round(t.TotalMilliseconds));

    private static string Km(double km) => km.ToString("#,0", CultureInfo.InvariantCulture) + " km";

    private static string SiteName(ReportView view, string site) =>
        view.Content.Series.Sites.TryGetValue(site, out var s) && s.City is { Length: > 0 } city
            ? $"{SafeText.Label(site)} ({SafeText.Label(city, 30)}{(s.Country is { Length: > 0 } c ? ", " + SafeText.Label(c, 4) : string.Empty)})"
            : SafeText.Label(site);

    private static string Names(IReadOnlyList<string> vantages) => vantages.Count switch
    {
        1 => SafeText.Label(vantages[0]),
        2 => $"{SafeText.Label(vantages[0])} and {SafeText.Label(vantages[1])}",
        3 => $"{SafeText.Label(vantages[0])}, {SafeText.Label(vantages[1])} and {SafeText.Label(vantages[2])}",
        _ => $"{N(vantages.Count)} vantage points ({SafeText.Label(vantages[0])}, {SafeText.Label(vantages[1])} and {N(vantages.Count - 2)} more)",
    };

    private static void Fastest(ReportView view, List<Finding> list)
    {
        var providers = view.Targets.Select(t => view.Providers.GetValueOrDefault(t, t)).Distinct(StringComparer.Ordinal).ToList();
        if (providers.Count < 2)
        {
            return;
        }

        var wins = new Dictionary<string, int>(StringComparer.Ordinal);
        var medians = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var compared = 0;
        foreach (var row in view.Rows)
        {
            var best = view.Targets.Select(t => (Provider: view.Providers.GetValueOrDefault(t, t), Cell: view.Cell(row.Key, t)))
                .Where(x => x.Cell?.P50Ms is not null).ToList();
            foreach (var (provider, cell) in best)
            {
                (medians.TryGetValue(provider, out var l) ? l : medians[provider] = []).Add(cell!.P50Ms!.Value);
            }

            if (best.Select(b => b.Provider).Distinct(StringComparer.Ordinal).Count() < 2)
            {
                continue;
            }

            compared++;
            var winner = best.OrderBy(b => b.Cell!.P50Ms).First().Provider;
            wins[winner] = wins.GetValueOrDefault(winner) + 1;
        }

        if (compared == 0)
        {
            return;
        }

        var top = wins.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).First();
        var m = medians[top.Key];
        m.Sort();
        list.Add(new Finding(
            15,
            $"{SafeText.Label(top.Key)} has the lowest median at {N(top.Value)} of {view.RowCount(compared)}; the median of its medians is {Ms(Core.Analysis.Percentiles.OfSorted(m, 0.5))} ms.",
            []));
    }
}
