using System.Globalization;

using Monitor.Core.Analysis;
using Monitor.Core.Text;
using Monitor.Reporting.Text;

using static Monitor.Reporting.Pdf.PdfText;

namespace Monitor.Reporting.Pdf;

/// <summary>The PDF's section "Zone freshness and addresses": SOA lag per site, serials per site, address changes of host-name targets.</summary>
internal static class ZonesSection
{
    /// <summary>Writes the section when the analysis has anything for it.</summary>
    public static void Write(PdfBuilder b, AnalysisReport a)
    {
        if (a.SoaSerials.Count == 0 && a.AddressChanges.Count == 0)
        {
            return;
        }

        b.Space(8);
        b.Text("Zone freshness and addresses", 12, bold: true, after: 4);
        if (a.SoaSerials.Count > 0)
        {
            b.Wrapped(a.SoaLag.Count == 0
                ? "No site served an older SOA serial than the newest seen at its target for longer than the threshold."
                : "Sites that served an older SOA serial than the newest seen at their target for longer than the threshold (serials compare in RFC 1982 arithmetic):");
            if (a.SoaLag.Count > 0)
            {
                b.Table(
                    ["target", "site", "since (UTC)", "caught up (UTC)", "serial", "newest", "behind", "for"],
                    [0.14f, 0.1f, 0.2f, 0.2f, 0.1f, 0.1f, 0.07f, 0.09f],
                    a.SoaLag.Select(l => (IReadOnlyList<string>)[
                        SafeText.Label(l.TargetId), SafeText.Label(l.Site), Utc(l.Since), l.Cleared is { } c ? Utc(c) : "still behind",
                        Number(l.Serial), Number(l.Newest), Number(l.Behind), DurationText.Format(TimeSpan.FromSeconds(Math.Round(l.Duration.TotalSeconds)))]));
            }

            b.Space(4);
            b.Table(
                ["target", "site", "serial", "from (UTC)", "to (UTC)", "answers"],
                [0.18f, 0.14f, 0.14f, 0.22f, 0.22f, 0.1f],
                a.SoaSerials.Select(s => (IReadOnlyList<string>)[SafeText.Label(s.TargetId), SafeText.Label(s.Site), Number(s.Serial), Utc(s.From), Utc(s.To), N(s.Answers)]));
        }

        if (a.AddressChanges.Count > 0)
        {
            b.Space(4);
            b.Table(
                ["target", "vantage point", "at (UTC)", "from", "to"],
                [0.18f, 0.18f, 0.24f, 0.2f, 0.2f],
                a.AddressChanges.Select(c => (IReadOnlyList<string>)[SafeText.Label(c.TargetId), SafeText.Label(c.VantageId), Utc(c.At), c.From.ToString(), c.To.ToString()]));
        }
    }

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
