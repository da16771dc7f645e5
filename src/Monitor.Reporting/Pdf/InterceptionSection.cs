using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Grouping;
using Monitor.Core.Domain;
using Monitor.Core.Text;
using Monitor.Reporting.Text;

using static Monitor.Reporting.Pdf.PdfText;

namespace Monitor.Reporting.Pdf;

/// <summary>The PDF's grouped tables (<c>--group-by</c>) and its section "Possibly intercepted".</summary>
internal static class InterceptionSection
{
    /// <summary>Latency and catchment per group, in place of the per-vantage-point tables.</summary>
    public static void WriteGrouped(PdfBuilder b, VantageGroupingReport g)
    {
        var word = VantageGroups.Name(g.Grouping);
        b.Space(8);
        b.Text($"Latency per target and {word} (RTTs pooled over the group)", 12, bold: true, after: 4);
        b.Table(
            ["target", word, "VPs", "sent", "loss %", "p50 ms", "p95 ms", "max ms"],
            [0.2f, 0.14f, 0.08f, 0.1f, 0.1f, 0.12f, 0.12f, 0.14f],
            g.Latency.Select(l => (IReadOnlyList<string>)[SafeText.Label(l.TargetId), SafeText.Label(l.Group), N(l.Vantages), N(l.Latency.Sent), Pct(l.Latency.LossPercent), Ms(l.Latency.P50Ms), Ms(l.Latency.P95Ms), Ms(l.Latency.MaxMs)]));
        b.Space(8);
        b.Text($"Catchment per {word}: share of its vantage points per dominant site", 12, bold: true, after: 4);
        b.Table(
            ["target", word, "site", "VPs", "share %"],
            [0.25f, 0.2f, 0.25f, 0.1f, 0.2f],
            g.Catchment.Select(c => (IReadOnlyList<string>)[SafeText.Label(c.TargetId), SafeText.Label(c.Group), SafeText.Label(c.Site), N(c.Vantages), Pct(100 * c.Share)]));
    }

    /// <summary>The flagged vantage points with their evidence; one line when none was flagged.</summary>
    public static void Write(PdfBuilder b, AnalysisReport a)
    {
        if (a.Interception.Findings.Count == 0)
        {
            b.Space(8);
            b.Text("Possibly intercepted", 12, bold: true, after: 4);
            b.Text("No answer from an anycast target looks intercepted (identity shape, rcode and physics all fit its operator).");
            return;
        }

        b.Space(8);
        b.Text("Possibly intercepted", 12, bold: true, after: 4);
        b.Wrapped("Answers from an anycast target that are possibly not from its operator: an identity whose shape is not the one most vantage points see, an rcode unlike the one the others mostly get, or an RTT below what light in fibre needs to reach the nearest of the operator's sites and back (200 km/ms one way).");
        b.Space(4);
        b.Table(
            ["target", "vantage point", "reason", "identity", "rcode / others", "min RTT / floor ms"],
            [0.14f, 0.14f, 0.2f, 0.22f, 0.15f, 0.15f],
            a.Interception.Findings.Select(f => (IReadOnlyList<string>)[
                SafeText.Label(f.TargetId),
                SafeText.Label(f.VantageId),
                string.Join(", ", OutputWords.Interception(f.Reasons)),
                SafeText.Label(f.Identity ?? "-"),
                $"{(f.Rcode is { } rc ? DnsRcodes.Name(rc) : "-")} / {(f.OthersRcode is { } orc ? DnsRcodes.Name(orc) : "-")}",
                $"{Ms(f.MinRttMs)} / {Ms(f.FloorMs)}",
            ]));
    }
}
