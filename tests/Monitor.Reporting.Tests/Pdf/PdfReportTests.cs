using System.Globalization;
using System.Text;

using Monitor.Core.Domain;
using Monitor.Reporting.Pdf;
using Monitor.Testing;

using UglyToad.PdfPig;

namespace Monitor.Reporting.Tests.Pdf;

public sealed class PdfReportTests
{
    [Fact]
    public async Task Write_Sample_TextHasTargetsSitesNumbersAndPageNumbers()
    {
        var content = await SampleReport.BuildAsync("Sample report");
        var cf = content.Analysis.TargetLatency.Single(t => t.TargetId == "cloudflare");

        var (pages, text) = Extract(content);

        Assert.True(pages >= 5, $"{pages} pages");
        foreach (var expected in new[] { "cloudflare", "google", "quad9", "k-root", "AMS", "LHR", "JNB", "vp-syd", "Summary", "median", "Fastest provider", SampleNetwork.UnparsedIdentity })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Contains(cf.Latency.P50Ms!.Value.ToString("0.0", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        for (var p = 1; p <= pages; p++)
        {
            Assert.Contains($"page {p} of {pages}", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Write_Sample_HasTheAnycastPromisesSection()
    {
        var content = await SampleReport.BuildAsync();
        var jnb = content.Analysis.Failovers.Single(f => f is { TargetId: "quad9", VantageId: "vp-jnb" });

        var (_, text) = Extract(content);

        var section = text[text.IndexOf("Anycast promises", StringComparison.Ordinal)..];
        Assert.Contains("nearest %", section, StringComparison.Ordinal);
        foreach (var p in content.Analysis.Promises)
        {
            Assert.Contains(p.Provider, section, StringComparison.Ordinal);
            Assert.Contains(p.Steering.ToString().ToLowerInvariant(), section, StringComparison.Ordinal);
        }

        Assert.Contains("Regional consistency", section, StringComparison.Ordinal);
        Assert.Contains(jnb.GapMs.ToString("0.0", CultureInfo.InvariantCulture), section, StringComparison.Ordinal);
        Assert.Contains("Failover gaps per event", section, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_HostileIdentityAndTitle_NeverRaw()
    {
        var hostile = "=cmd|' /C calc'!A0\u202Eevil" + new string('x', 10_000);
        var measurement = Some.Measurement(vantage: "vp-ams", target: "cloudflare", started: SampleNetwork.Start.AddHours(3), idServer: null, nsid: null) with
        {
            Identity = new ObservedIdentity(new IdentityValue(Encoding.UTF8.GetBytes(hostile).Concat(new byte[] { 0xff, 0x00 }).ToArray()), null, null),
        };
        var content = await SampleReport.BuildAsync(title: "Title \u202E with bidi " + new string('t', 10_000), extra: [measurement]);

        var (_, text) = Extract(content);

        Assert.DoesNotContain("\u202E", text, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 200), text, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('t', 200), text, StringComparison.Ordinal);
        Assert.Contains("…", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_Sample_TimesIso8601Utc()
    {
        var content = await SampleReport.BuildAsync();

        var (_, text) = Extract(content);

        Assert.Contains("Probes from 2026-11-27T12:00:00Z to 2026-11-27T12:59:", text, StringComparison.Ordinal);
        Assert.Contains("Generated: 2026-11-27T14:00:00Z;", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", text);
        Assert.DoesNotContain("11/27/2026", text, StringComparison.Ordinal);
    }

    private static (int Pages, string Text) Extract(ReportContent content)
    {
        using var stream = new MemoryStream();
        PdfReport.Write(content, stream);
        using var pdf = PdfDocument.Open(stream.ToArray());
        var text = new StringBuilder();
        foreach (var page in pdf.GetPages())
        {
            text.AppendLine(string.Join(' ', page.GetWords().Select(w => w.Text)));
        }

        return (pdf.NumberOfPages, text.ToString());
    }
}
