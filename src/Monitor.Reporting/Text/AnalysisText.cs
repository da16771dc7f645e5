using System.Globalization;

using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Grouping;
using Monitor.Core.Analysis.Interception;
using Monitor.Core.Analysis.Promises;
using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;
using Monitor.Core.Text;

namespace Monitor.Reporting.Text;

/// <summary>Readable tables of an analysis, for a terminal.</summary>
internal static class AnalysisText
{
    public static void Write(AnalysisReport r, string database, TextWriter o)
    {
        var from = r.Window.From is { } f ? OutputWords.Utc(f) : "the first measurement";
        var to = r.Window.To is { } t ? OutputWords.Utc(t) : "the last";
        o.WriteLine($"ANALYSIS of {database}: {r.Measurements} measurement(s), from {from} to {to}");
        o.WriteLine("RTT in ms over answered probes; p50 is the median (type-7 percentiles); loss counts probes without an answer.");

        Section(o, "Latency per target (all vantage points)");
        Row(o, "target", "provider", "count", "loss%", "min", "p50", "p90", "p95", "p99", "max");
        foreach (var l in r.TargetLatency)
        {
            LatencyLine(o, l.TargetId, l.Provider, l.Latency);
        }

        if (r.Providers.Count > 0)
        {
            Section(o, $"Providers ranked by p50, then loss (over the {r.Providers[0].Vantages} vantage point(s) that reached all)");
            foreach (var p in r.Providers)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Rank,2}. {p.Provider,-24} p50 {OutputWords.Ms(p.Latency.P50Ms),9} ms  p95 {OutputWords.Ms(p.Latency.P95Ms),9} ms  loss {p.Latency.LossPercent,5:0.0}%  ({p.Latency.Sent} probes)"));
            }
        }

        if (r.Grouped is { } grouped)
        {
            WriteGroupedCatchment(grouped, o);
        }
        else
        {
            Section(o, "Catchment: vantage points per site (dominant site of each)");
            foreach (var s in r.Sites)
            {
                var where = s.City is null ? string.Empty : $" ({s.City}, {s.Country})";
                var confidence = r.SiteIdentifications.TryGetValue(s.Site, out var id) ? OutputWords.Confidence(id.Confidence) : "-";
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {s.TargetId,-20} {s.Site + where,-34} {confidence,-7} {s.Share * 100,5:0.0}%  {string.Join(", ", s.Vantages)}"));
            }
        }

        if (r.UncertainIdentities.Count > 0)
        {
            Section(o, "Low-confidence and unknown identities (low ones are kept out of the catchment)");
            foreach (var u in r.UncertainIdentities)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {u.Identity,-40} {OutputWords.Confidence(u.Confidence),-8} {u.Answers,7} answers{(u.Confidence == SiteConfidence.Low || Site.IsPhysicsRejected(u.Site) ? $"  read as {u.Site}" : string.Empty)}"));
            }
        }

        var mixed = r.Catchment.Where(c => !c.Dominant).ToList();
        if (mixed.Count > 0 && r.Grouped is null)
        {
            Section(o, "Vantage points that also reached other sites");
            foreach (var c in mixed)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.TargetId,-20} {c.VantageId,-16} {c.Site,-20} {c.Share * 100,5:0.0}% of answers ({c.Identity})"));
            }
        }

        foreach (var opt in r.Optimal)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  optimal catchment {opt.TargetId}: {opt.Optimal}/{opt.Knowable} vantage point(s) on their lowest-RTT site"));
        }

        if (r.Grouped is { } byGroup)
        {
            Section(o, $"Latency per target and {VantageGroups.Name(byGroup.Grouping)} (RTTs pooled over the group's vantage points)");
            Row(o, "target", VantageGroups.Name(byGroup.Grouping) + " (vantage points)", "count", "loss%", "min", "p50", "p90", "p95", "p99", "max");
            foreach (var l in byGroup.Latency)
            {
                LatencyLine(o, l.TargetId, string.Create(CultureInfo.InvariantCulture, $"{l.Group} ({l.Vantages})"), l.Latency);
            }
        }
        else
        {
            Section(o, "Latency per target, vantage point and site");
            Row(o, "target", "vantage / site", "count", "loss%", "min", "p50", "p90", "p95", "p99", "max");
            foreach (var l in r.Latency)
            {
                LatencyLine(o, l.TargetId, $"{l.VantageId} / {l.Site ?? "-"}", l.Latency);
            }
        }

        Section(o, $"Route changes ({r.Changes.Count})");
        foreach (var c in r.Changes)
        {
            o.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {OutputWords.Utc(c.At)}  {OutputWords.Kind(c.Kind),-9} {c.TargetId,-20} {c.VantageId,-16} {c.From ?? "-"} -> {c.To ?? "-"}  RTT {OutputWords.Ms(c.RttBeforeMs)} -> {OutputWords.Ms(c.RttAfterMs)} ms  ({c.Samples} sample(s))"));
        }

        Section(o, $"Events ({r.Events.Count})");
        foreach (var e in r.Events)
        {
            o.WriteLine($"  {e.TargetId}: {Describe(e)}");
        }

        WritePromises(r, o);
        WriteInterception(r, o);

        if (r.Warnings.Count > 0)
        {
            Section(o, $"Warnings ({r.Warnings.Count})");
            foreach (var w in r.Warnings)
            {
                o.WriteLine("  " + w);
            }
        }
    }

    private static void WriteGroupedCatchment(VantageGroupingReport grouped, TextWriter o)
    {
        Section(o, $"Catchment per {VantageGroups.Name(grouped.Grouping)}: share of its vantage points per dominant site");
        foreach (var g in grouped.Catchment.GroupBy(c => (c.TargetId, c.Group)))
        {
            var sites = string.Join("  ", g.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Site} {c.Share * 100:0.0}%")));
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {g.Key.TargetId,-20} {g.Key.Group,-12} {g.Sum(c => c.Vantages),5} VP(s)  {sites}"));
        }
    }

    private static void WriteInterception(AnalysisReport r, TextWriter o)
    {
        if (r.Interception.Findings.Count == 0)
        {
            return;
        }

        Section(o, $"Possibly intercepted ({r.Interception.Findings.Count}): identity foreign to the operator, rcode unlike the others', or RTT below the fibre floor");
        foreach (var f in r.Interception.Findings)
        {
            var evidence = new List<string>();
            if (f.Reasons.HasFlag(InterceptionReasons.ForeignIdentity))
            {
                evidence.Add($"identity {f.Identity} (shape {f.IdentityShape}, operator's {f.OperatorShape}{(f.OperatorExample is null ? string.Empty : " e.g. " + f.OperatorExample)})");
            }

            if (f.Reasons.HasFlag(InterceptionReasons.Rcode))
            {
                evidence.Add($"rcode {(f.Rcode is { } rc ? DnsRcodes.Name(rc) : "-")} where the others get {(f.OthersRcode is { } orc ? DnsRcodes.Name(orc) : "-")}");
            }

            if (f.Reasons.HasFlag(InterceptionReasons.BelowPhysicalFloor))
            {
                evidence.Add(string.Create(CultureInfo.InvariantCulture, $"min RTT {OutputWords.Ms(f.MinRttMs)} ms below the {OutputWords.Ms(f.FloorMs)} ms floor to {f.NearestSite} ({f.DistanceKm:0} km)"));
            }

            o.WriteLine($"  {f.TargetId,-20} {f.VantageId,-16} {string.Join("; ", evidence)}");
        }
    }

    private static void Gaps(TextWriter o, string title, IReadOnlyList<Failover> gaps)
    {
        if (gaps.Count == 0)
        {
            return;
        }

        Section(o, title);
        foreach (var f in gaps)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {OutputWords.Utc(f.LastOk)}  {f.TargetId,-20} {f.VantageId,-16} {f.From} -> {f.To}  gap {f.GapMs,9:0.0} ms  {f.Lost} lost"));
        }
    }

    private static void WritePromises(AnalysisReport r, TextWriter o)
    {
        if (r.Promises.Count > 0)
        {
            Section(o, "Anycast promises per provider: p50, worst region, failover gap median/max, VPs on nearest site, steering");
            foreach (var p in r.Promises)
            {
                var worst = p.WorstRegion is null ? "-" : $"{p.WorstRegion} {OutputWords.Ms(p.WorstRegionP50Ms)}";
                var failover = p.Failovers == 0 ? "none" : $"{p.Failovers}: {OutputWords.Ms(p.FailoverMedianMs)}/{OutputWords.Ms(p.FailoverMaxMs)} ms";
                var nearest = p.NearestShare is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n * 100:0}%") : "-";
                o.WriteLine($"  {p.Provider,-20} p50 {OutputWords.Ms(p.P50Ms),9} ms  worst {worst,-16} failovers {failover,-24} outages {p.Outages,-4} nearest {nearest,5}  {OutputWords.Steering(p.Steering)}");
            }
        }

        Gaps(o, $"Failovers ({r.Failovers.Count}): last good answer -> first good answer from another site", r.Failovers);
        Gaps(o, $"Outages ({r.Outages.Count}): last good answer -> first good answer from the same site (not failovers)", r.Outages);

        if (r.SoaLag.Count > 0)
        {
            Section(o, $"Zone freshness ({r.SoaLag.Count}): sites serving an older SOA serial than the newest seen");
            foreach (var l in r.SoaLag)
            {
                var until = l.Cleared is { } cleared ? "caught up " + OutputWords.Utc(cleared) : "still behind";
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {OutputWords.Utc(l.Since)}  {l.TargetId,-20} {l.Site,-10} serial {l.Serial} vs {l.Newest} ({l.Behind} behind) for {DurationText.Format(TimeSpan.FromSeconds(Math.Round(l.Duration.TotalSeconds)))}, {until}"));
            }
        }

        if (r.AddressChanges.Count > 0)
        {
            Section(o, $"Address changes ({r.AddressChanges.Count}): host-name targets found at another address");
            foreach (var c in r.AddressChanges)
            {
                o.WriteLine($"  {OutputWords.Utc(c.At)}  {c.TargetId,-20} {c.VantageId,-16} {c.From} -> {c.To}");
            }
        }

        if (r.Inflation.Count > 0)
        {
            Section(o, "Path inflation: serving site vs the site with the lowest RTT on its own address");
            foreach (var i in r.Inflation)
            {
                o.WriteLine($"  {i.TargetId,-20} {i.VantageId,-16} {i.Site,-10} best {i.BestSite,-10} {OutputWords.Ms(i.RttMs),9} vs {OutputWords.Ms(i.BestRttMs),9} ms  +{OutputWords.Ms(i.InflationMs)} ms");
            }
        }

        var spreads = r.ConsistencySpread.Where(s => s.Level == Consistency.Continent).ToList();
        if (spreads.Count > 0)
        {
            Section(o, "Regional consistency (continents): best and worst regional p50, ratio, coefficient of variation");
            foreach (var s in spreads)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {s.Rank,2}. {s.Provider,-20} {s.Regions} region(s)  best {s.BestRegion} {OutputWords.Ms(s.BestP50Ms)} ms  worst {s.WorstRegion} {OutputWords.Ms(s.WorstP50Ms)} ms  ratio {OutputWords.Ms(s.Ratio)}  cv {OutputWords.Ms(s.Cv)}"));
            }
        }
    }

    /// <summary>The catchment compared with a baseline window.</summary>
    public static void Write(CatchmentComparison c, TextWriter o)
    {
        var from = c.Baseline.From is { } f ? OutputWords.Utc(f) : "-";
        var to = c.Baseline.To is { } t ? OutputWords.Utc(t) : "-";
        Section(o, $"Catchment compared with {from} to {to}: {c.Moved.Count} moved, {c.Unchanged} unchanged");
        foreach (var m in c.Moved)
        {
            o.WriteLine($"  {m.TargetId,-20} {m.VantageId,-16} {m.Before ?? "(no answers)"} -> {m.After ?? "(no answers)"}");
        }

        foreach (var s in c.Sites.Where(s => Math.Abs(s.ShareAfter - s.ShareBefore) > 1e-9))
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {s.TargetId,-20} {s.Site,-20} share {s.ShareBefore * 100,5:0.0}% -> {s.ShareAfter * 100,5:0.0}%"));
        }
    }

    /// <summary>"3 VPs moved AMS → NYC at 12:03:10Z, median RTT +64.000 ms".</summary>
    public static string Describe(ShiftEvent e)
    {
        var rtt = e.MedianRttChangeMs is { } d ? string.Create(CultureInfo.InvariantCulture, $", median RTT {d:+0.000;-0.000;0.000} ms") : string.Empty;
        return $"{e.Vantages.Count} VPs moved {e.From} -> {e.To} at {OutputWords.Utc(e.Start)}{rtt}";
    }

    private static void Section(TextWriter o, string title)
    {
        o.WriteLine();
        o.WriteLine(title);
    }

    private static void Row(TextWriter o, string a, string b, string count, string loss, params string[] ms) =>
        o.WriteLine($"  {a,-20} {b,-30} {count,7} {loss,6} {string.Join(' ', ms.Select(m => m.PadLeft(9)))}");

    private static void LatencyLine(TextWriter o, string a, string b, LatencySummary l) =>
        Row(o, a, b, l.Sent.ToString(CultureInfo.InvariantCulture), l.LossPercent.ToString("0.0", CultureInfo.InvariantCulture), OutputWords.Ms(l.MinMs), OutputWords.Ms(l.P50Ms), OutputWords.Ms(l.P90Ms), OutputWords.Ms(l.P95Ms), OutputWords.Ms(l.P99Ms), OutputWords.Ms(l.MaxMs));
}
