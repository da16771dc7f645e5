using System.Globalization;

using Monitor.Core.Analysis.Promises;
using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;
using Monitor.Core.Text;
using Monitor.Probing;
using Monitor.Reporting.Charts;
using Monitor.Reporting.Html;
using Monitor.Reporting.Pdf;
using Monitor.Reporting.Text;
using Monitor.Reporting.View;

using static Monitor.Reporting.Pdf.PdfText;

using FindingList = Monitor.Reporting.View.Findings;
using PhysicsCheck = Monitor.Reporting.View.Physics;

namespace Monitor.Reporting;

/// <summary>
/// A report laid out once for every output: its view (rows, grid, colours), its findings, its charts
/// (each rendered once, replayed by the PDF, the PNGs and the HTML) and its sections as PDF blocks and
/// HTML nodes. Page 1 is the answer: window, counts and method in a line each, the grid, the findings.
/// </summary>
internal sealed class ReportDocument : IDisposable
{
    /// <summary>Findings on page 1; the rest follow in "All findings".</summary>
    public const int PageOneFindings = 10;

    private const float ChartHeight = 330;

    private ReportDocument(ReportContent content)
    {
        Content = content;
        View = new ReportView(content);
        Physics = PhysicsCheck.Find(View);
        Findings = FindingList.Build(View, Physics);
    }

    public ReportContent Content { get; }

    public ReportView View { get; }

    public IReadOnlyList<PhysicsViolation> Physics { get; }

    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>Every chart, in report order; each was rendered once.</summary>
    public List<ReportChart> Charts { get; } = [];

    public PdfBuilder Builder { get; } = new();

    /// <summary>Rows of the grid on page 1 (the rest are in "Grid: every row").</summary>
    public int PageOneRows { get; private set; }

    public static ReportDocument Build(ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var doc = new ReportDocument(content);
        doc.Compose();
        return doc;
    }

    public void Dispose()
    {
        foreach (var chart in Charts)
        {
            chart.Dispose();
        }
    }

    private ReportChart Add(ReportChart chart)
    {
        Charts.Add(chart);
        return chart;
    }

    private void Compose()
    {
        var b = Builder;
        var a = Content.Analysis;
        PageOne(b);

        // Small multiples, a page each.
        var perPage = SmallMultiples.RowsIn(PdfReport.PageRoom - 40, SmallMultiples.Headings(View, PdfReport.TextWidth).Height);
        var chunks = View.Rows.Chunk(perPage).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            b.Break();
            b.Text(i == 0 ? $"Small multiples: RTT over time per {View.RowWord} and target" : "Small multiples (continued)", 14, bold: true, after: 4);
            b.Chart(Add(SmallMultiples.Render(View, chunks[i], i + 1, PdfReport.TextWidth, PdfReport.PageRoom - 40)));
        }

        // One catchment map per anycast target, two to a page.
        var steering = a.Steering.ToDictionary(s => s.TargetId, s => s.Kind, StringComparer.Ordinal);
        var anycast = View.Targets.Where(t => steering.GetValueOrDefault(t, SteeringKind.Anycast) != SteeringKind.Unicast && a.Catchment.Any(c => c.TargetId == t)).ToList();
        b.Break();
        b.Text("Catchment maps", 14, bold: true, after: 4);
        if (anycast.Count == 0)
        {
            b.Text("No anycast target: every target was served by one site, so there is no catchment to map.");
        }

        for (var i = 0; i < anycast.Count; i++)
        {
            if (i > 0 && i % 2 == 0)
            {
                b.Break();
            }

            b.Chart(Add(CatchmentMap.Render(View, anycast[i], View.Targets.ToList().IndexOf(anycast[i]) + 1, PdfReport.TextWidth, ChartHeight)));
        }

        b.Break();
        b.Text("Distributions", 14, bold: true, after: 4);
        b.Chart(Add(ReportChart.FromPlot("latency-cdf", "Latency CDF per provider", PdfReport.TextWidth, 300, () => ReportCharts.LatencyCdf(View))));
        if (Content.CdfPerVantage)
        {
            var providers = ReportCharts.CdfProviders(View);
            for (var i = 0; i < providers.Count; i++)
            {
                var provider = providers[i];
                b.Chart(Add(ReportChart.FromPlot($"{ReportFiles.CdfPerVantageChart}-{i + 1}", $"Latency CDF of {SafeText.Label(provider, 24)} per {View.RowWord}", PdfReport.TextWidth, 300, () => ReportCharts.LatencyCdfPerRow(View, provider))));
            }
        }

        if (a.Sites.Count > 0)
        {
            var height = Math.Clamp(70 + (22 * View.Targets.Count), 140, 380);
            b.Chart(Add(ReportChart.FromPlot("site-shares", "Site share per target", PdfReport.TextWidth, height, () => ReportCharts.SiteShares(View))));
        }

        Tables(b);
        var failoverChart = a.Failovers.Count > 0
            ? Add(ReportChart.FromPlot(ReportFiles.FailoverChart, "Failover gaps", PdfReport.TextWidth, 260, () => ReportCharts.FailoverGaps(a, ReportFiles.FailoverEventGap)))
            : null;
        PromisesSection.Write(b, a, failoverChart);
        ZonesSection.Write(b, a);
        Truth(b);
        if (Findings.Count > PageOneFindings)
        {
            b.Break();
            b.Text("All findings", 14, bold: true, after: 4);
            foreach (var f in Findings.Skip(PageOneFindings))
            {
                b.Wrapped("• " + f.Text, PdfReport.BodySize - 0.5f);
            }
        }

        if (PageOneRows < View.Rows.Count)
        {
            b.ToHtml = false;
            b.Break();
            b.Text($"Grid: every {View.RowWord}", 14, bold: true, after: 4);
            b.Wrapped(GridLayout.MarksKey, 7);
            b.Grid(View, View.Rows);
            b.ToHtml = true;
        }

        Appendix(b);
    }

    private void PageOne(PdfBuilder b)
    {
        var a = Content.Analysis;
        var title = SafeText.Label(Content.Title, 120);
        var lines = new List<(string Text, bool Bold)>
        {
            (Window(), false),
            (Counts(), false),
            (Method(), false),
        };
        var heading = $"Median RTT, serving site and loss per {View.RowWord} and target";
        var findings = Findings.Take(PageOneFindings).ToList();
        var findingText = findings.Count == 0 ? ["• Nothing stands out: no shift, outage, remote site, loss or physics violation in the window."] : findings.Select(f => "• " + f.Text).ToList();

        // The grid gets what the rest of page 1 leaves.
        var used = PdfBuilder.WrappedHeight(title, 16, true) + 4
            + lines.Sum(l => PdfBuilder.WrappedHeight(l.Text, 8.5f)) + 6
            + (12 * 1.45f) + 4 + PdfBuilder.WrappedHeight(GridLayout.MarksKey, 7) + GridLayout.HeaderHeight + 6
            + (14 * 1.45f) + 4 + findingText.Sum(t => PdfBuilder.WrappedHeight(t, 8.5f)) + 20;
        var rows = Math.Max(3, (int)((PdfReport.PageRoom - used) / GridLayout.RowHeight));
        var shown = View.Rows.Count <= rows ? View.Rows : [.. View.Rows.OrderByDescending(Notability).Take(rows - 1)];
        PageOneRows = shown.Count;

        b.Wrapped(title, 16, bold: true);
        b.Space(4);
        foreach (var (text, bold) in lines)
        {
            b.Wrapped(text, 8.5f, bold);
        }

        b.Space(6);
        b.Text(heading, 12, bold: true, after: 4);
        b.ToHtml = false;
        b.Wrapped(GridLayout.MarksKey, 7);
        b.Grid(View, shown);
        if (shown.Count < View.Rows.Count)
        {
            b.Text($"Showing the {N(shown.Count)} most notable of {View.RowCount(View.Rows.Count)}; every row is in the section \"Grid: every {View.RowWord}\" and in the HTML report.", 7);
        }

        b.ToHtml = true;
        b.HtmlGrid(View);
        b.Html.Add(new HtmlParagraph(GridLayout.MarksKey, false));
        b.Space(6);
        b.Text("Findings, most important first", 14, bold: true, after: 4);
        foreach (var text in findingText)
        {
            b.Wrapped(text, 8.5f);
        }
    }

    private double Notability(ReportRow row)
    {
        var score = 0.0;
        foreach (var t in View.Targets)
        {
            if (View.Cell(row.Key, t) is { } c)
            {
                score += (c.Remote ? 100 : 0) + (c.Unknown ? 100 : 0) + (c.Inflated ? 50 : 0) + (c.Site.Contains('→', StringComparison.Ordinal) ? 80 : 0) + (c.LossPercent * 5) + ((c.P50Ms ?? 1000) / 10);
            }
        }

        return score;
    }

    private string Window()
    {
        var w = Content.Analysis.Window;
        var s = Content.Series;
        var from = w.From ?? s.FirstProbe;
        var to = w.To ?? s.LastProbe;
        var span = from is { } f && to is { } t ? $" ({DurationText.Format(TimeSpan.FromSeconds(Math.Round((t - f).TotalSeconds)))})" : string.Empty;
        var interval = s.TypicalInterval is { } i ? $", a probe every {DurationText.Format(i)} per series" : string.Empty;
        return $"Window: {(from is { } ff ? Utc(ff) : "first probe")} to {(to is { } tt ? Utc(tt) : "last probe")}{span}{interval}; generated {Utc(Content.Generated)}.";
    }

    private string Counts()
    {
        var a = Content.Analysis;
        var sent = a.TargetLatency.Sum(t => t.Latency.Sent);
        var lost = a.TargetLatency.Sum(t => t.Latency.Lost);
        var countries = View.Rows.SelectMany(r => r.Vantages).Select(v => View.Vantage(v)?.Country).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        var providers = View.Providers.Values.Distinct(StringComparer.Ordinal).Count();
        var grouped = View.Grouping == Core.Analysis.Grouping.VantageGrouping.Vantage ? string.Empty
            : $", shown as {View.RowCount(View.Rows.Count)}{(View.GroupedAutomatically ? $" (grouped automatically above {ReportView.MaxVantageRows} vantage points; --group-by chooses)" : string.Empty)}";
        return $"Counts: {a.Measurements.ToString(CultureInfo.InvariantCulture)} measurements from {ReportView.Count(View.VantageCount, "vantage point")} in {ReportView.Count(countries, "country", "countries")}{grouped}, to {ReportView.Count(View.Targets.Count, "target")} of {ReportView.Count(providers, "provider")}; {Pct(sent == 0 ? 0 : 100.0 * lost / sent)} % of {sent.ToString(CultureInfo.InvariantCulture)} probes got no answer.";
    }

    /// <summary>What the query measures: CHAOS with RD 0 is network RTT, an RD 1 query to a resolver may include resolution.</summary>
    private string Method()
    {
        var targets = Content.Targets.Where(t => View.Targets.Contains(t.Id, StringComparer.Ordinal)).ToList();
        if (targets.Count == 0)
        {
            return "Method: median (p50) RTT of answered probes; the query per target is not in the store.";
        }

        var kinds = targets.GroupBy(t => (Q: DnsNames.Question(t.Query), t.RecursionDesired, t.Transport, Chaos: t.Query.QClass == DnsClasses.CH))
            .Select(g => $"{g.Key.Q} with RD {(g.Key.RecursionDesired ? 1 : 0)} over {g.Key.Transport.ToString().ToUpperInvariant()} ({N(g.Count())} target{(g.Count() == 1 ? string.Empty : "s")})").ToList();
        var chaos = targets.All(t => t.Query.QClass == DnsClasses.CH && !t.RecursionDesired);
        var recursive = targets.Any(t => t.RecursionDesired);
        var meaning = chaos
            ? "a CHAOS query with RD 0 is answered by the node itself, so the RTT is the network round trip to the serving site, not resolution time"
            : recursive
                ? "queries with RD 1 to a resolver may include resolution time on a cache miss: read the RTT as service time, not network RTT"
                : "queries with RD 0 are answered from the server's own data: the RTT is close to the network round trip";
        return $"Method: {string.Join("; ", kinds)}: {meaning}. Statistic: median (p50) of answered probes.";
    }

    private void Tables(PdfBuilder b)
    {
        var a = Content.Analysis;
        b.Break();
        b.Text("Latency per target", 14, bold: true, after: 4);
        b.Table(
            ["target", "provider", "sent", "loss %", "p50 ms", "p95 ms", "p99 ms", "max ms"],
            [0.18f, 0.22f, 0.09f, 0.09f, 0.1f, 0.1f, 0.1f, 0.12f],
            a.TargetLatency.Select(t => (IReadOnlyList<string>)[SafeText.Label(t.TargetId), SafeText.Label(t.Provider), N(t.Latency.Sent), Pct(t.Latency.LossPercent), Ms(t.Latency.P50Ms), Tail(t.Latency.P95Ms, t.Latency.Answered, 20), Tail(t.Latency.P99Ms, t.Latency.Answered, 100), Ms(t.Latency.MaxMs)]),
            rest: "in latency.csv");
        b.Wrapped("p95 needs 20 answers and p99 100 to mean anything; with fewer they show as -.", PdfReport.BodySize - 1);
        b.Space(8);
        b.Text("Providers ranked over common vantage points", 12, bold: true, after: 4);
        if (View.Providers.Values.Distinct(StringComparer.Ordinal).Count() < 2)
        {
            b.Text("Nothing to rank: one provider only.");
        }
        else if (a.Providers.Count == 0)
        {
            b.Text("Nothing to rank: no vantage point has answers from every provider.");
        }
        else
        {
            b.Table(
                ["rank", "provider", "VPs", "sent", "loss %", "p50 ms", "p95 ms"],
                [0.08f, 0.32f, 0.12f, 0.12f, 0.12f, 0.12f, 0.12f],
                a.Providers.Select(p => (IReadOnlyList<string>)[N(p.Rank), SafeText.Label(p.Provider), N(p.Vantages), N(p.Latency.Sent), Pct(p.Latency.LossPercent), Ms(p.Latency.P50Ms), Tail(p.Latency.P95Ms, p.Latency.Answered, 20)]));
        }

        b.Space(8);
        b.Text("Shift events", 12, bold: true, after: 4);
        if (a.Events.Count == 0)
        {
            b.Text("No shift events in the window.");
        }
        else
        {
            var events = a.Events.OrderByDescending(e => e.Vantages.Count).ThenBy(e => e.Start).ToList();
            b.Table(
                ["target", "start (UTC)", "end (UTC)", "from → to", "VPs", "median ΔRTT ms"],
                [0.14f, 0.23f, 0.23f, 0.16f, 0.08f, 0.16f],
                events.Select(e => (IReadOnlyList<string>)[SafeText.Label(e.TargetId), Utc(e.Start), Utc(e.End), $"{SafeText.Label(e.From, 10)} → {SafeText.Label(e.To, 10)}", N(e.Vantages.Count), e.MedianRttChangeMs is { } d ? Signed(d) : "-"]),
                rest: "in changes.csv",
                sites: events.Select(e => (IReadOnlyList<string>)[e.From, e.To]));
        }

        b.Space(8);
        b.Text("Route changes", 12, bold: true, after: 4);
        var changes = a.Changes.OrderByDescending(c => c.Kind == RouteChangeKind.Shift).ThenBy(c => c.At).ToList();
        if (changes.Count == 0)
        {
            b.Text("No route changes in the window.");
        }
        else
        {
            b.Table(
                ["target", "vantage point", "kind", "at (UTC)", "from → to", "ΔRTT ms", "samples"],
                [0.13f, 0.16f, 0.1f, 0.22f, 0.17f, 0.11f, 0.11f],
                changes.Select(c => (IReadOnlyList<string>)[SafeText.Label(c.TargetId), SafeText.Label(c.VantageId), OutputWords.Kind(c.Kind), Utc(c.At), FromTo(c), c.RttBeforeMs is { } x && c.RttAfterMs is { } y ? Signed(y - x) : "-", N(c.Samples)]),
                rest: "in changes.csv",
                sites: changes.Select(c => (IReadOnlyList<string>)[.. new[] { c.From, c.To }.OfType<string>()]));
        }

        b.Space(8);
        b.Text("Catchment", 12, bold: true, after: 4);
        var sites = a.Sites.OrderByDescending(s => s.Vantages.Count).ThenBy(s => s.TargetId, StringComparer.Ordinal).ToList();
        b.Table(
            ["target", "site", "confidence", "city", "country", "VPs", "share %"],
            [0.17f, 0.17f, 0.12f, 0.22f, 0.1f, 0.1f, 0.12f],
            sites.Select(s => (IReadOnlyList<string>)[SafeText.Label(s.TargetId), SafeText.Label(s.Site), Confidence(s.Site), SafeText.Label(s.City ?? "-", 24), SafeText.Label(s.Country ?? "-"), N(s.Vantages.Count), Pct(100 * s.Share)]),
            rest: "in catchment.csv",
            sites: sites.Select(s => (IReadOnlyList<string>)[s.Site]));
    }

    private void Truth(PdfBuilder b)
    {
        var a = Content.Analysis;
        b.Break();
        b.Text("Truth: physics, identities, interception", 14, bold: true, after: 4);
        b.Wrapped("Where the data contradicts itself: answers faster than light allows from the vantage point's registered place to the site its answers claim (light in fibre covers 200 km per ms), identities no rule places or only guesses, and answers that may not come from the operator.");
        b.Space(6);
        b.Text($"Physics violations ({N(Physics.Count)})", 12, bold: true, after: 4);
        if (Physics.Count == 0)
        {
            b.Text("None: every minimum RTT is above the floor light allows for its distance (where both places are known).");
        }
        else
        {
            b.Table(
                ["target", "vantage point", "VP city", "claimed site", "distance km", "min / floor ms", "likely cause"],
                [0.1f, 0.12f, 0.14f, 0.16f, 0.1f, 0.12f, 0.26f],
                Physics.Select(p => (IReadOnlyList<string>)[SafeText.Label(p.TargetId), SafeText.Label(p.VantageId), p.VantagePlace, $"{SafeText.Label(p.Site, 12)} {p.SitePlace}", p.DistanceKm.ToString("#,0", CultureInfo.InvariantCulture), $"{Ms(p.MinRttMs)} / {Ms(p.FloorMs)}", p.Cause]),
                rest: "see the HTML report",
                sites: Physics.Select(p => (IReadOnlyList<string>)[p.Site]));
        }

        var uncertain = a.UncertainIdentities;
        b.Space(6);
        b.Text($"Unknown and low-confidence identities ({N(uncertain.Count)})", 12, bold: true, after: 4);
        if (uncertain.Count == 0)
        {
            b.Text("None: every identity was placed with medium or high confidence.");
        }
        else
        {
            b.Wrapped("Low ones are guesses kept out of the catchment shares; an unknown one stands for its own site (drawn in the reserved grey).", PdfReport.BodySize - 0.5f);
            b.Table(
                ["identity string", "confidence", "answers", "read as", "why"],
                [0.28f, 0.12f, 0.1f, 0.14f, 0.36f],
                uncertain.Select(u => (IReadOnlyList<string>)[SafeText.Label(u.Identity, 36), OutputWords.Confidence(u.Confidence), N(u.Answers), u.Confidence == SiteConfidence.Low || Site.IsPhysicsRejected(u.Site) ? SafeText.Label(u.Site, 16) : "its own site", SafeText.Label(u.Reason ?? "-", 60)]),
                rest: "see the HTML report",
                sites: uncertain.Select(u => (IReadOnlyList<string>)[u.Site]));
        }

        InterceptionSection.Write(b, a);
    }

    private void Appendix(PdfBuilder b)
    {
        var a = Content.Analysis;
        b.Break();
        b.Text("Appendix: method and warnings", 14, bold: true, after: 4);
        foreach (var line in Content.Method)
        {
            b.Wrapped(SafeText.Label(line, 200), PdfReport.BodySize - 0.5f);
        }

        b.Wrapped("Statistic: the median (p50) RTT of answered probes, type-7 percentiles; p95/p99 for the tail. The mean is not used: one slow retry would move it. Loss is the share of probes without an answer (timeouts, network errors, malformed replies).", PdfReport.BodySize - 0.5f);
        if (a.Grouped is { } grouped)
        {
            InterceptionSection.WriteGrouped(b, grouped);
        }

        b.Space(6);
        b.Text($"Warnings ({N(a.Warnings.Count)})", 12, bold: true, after: 4);
        foreach (var warning in a.Warnings.Take(40))
        {
            b.Wrapped("• " + SafeText.Label(warning, 300), PdfReport.BodySize - 1);
        }

        if (a.Warnings.Count > 40)
        {
            b.Text($"{N(a.Warnings.Count - 40)} more warnings: in analysis.json.");
        }
    }

    /// <summary>"AMS → LHR"; an outage that came back on its site says so instead of "JNB → JNB".</summary>
    private static string FromTo(RouteChange c) => c.Kind == RouteChangeKind.Outage && string.Equals(c.From, c.To, StringComparison.Ordinal) && c.From is not null
        ? $"{SafeText.Label(c.From, 10)}, back on it"
        : $"{SafeText.Label(c.From ?? "-", 10)} → {SafeText.Label(c.To ?? "none", 10)}";

    private string Confidence(string site) =>
        Content.Analysis.SiteIdentifications.TryGetValue(site, out var id) ? OutputWords.Confidence(id.Confidence) : "-";
}
