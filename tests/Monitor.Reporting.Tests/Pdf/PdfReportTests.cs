using System.Globalization;
using System.Text;

using Monitor.Core.Domain;
using Monitor.Reporting.Pdf;
using Monitor.Testing;

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
        foreach (var expected in new[] { "cloudflare", "google", "quad9", "k-root", "AMS", "LHR", "JNB", "vp-syd", "Findings", "median", "lowest median", SampleNetwork.UnparsedIdentity })
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
        var jnb = content.Analysis.Outages.Single(f => f is { TargetId: "quad9", VantageId: "vp-jnb" });

        var (_, text) = Extract(content);

        var section = text[text.IndexOf("Anycast promises", StringComparison.Ordinal)..];
        foreach (var p in content.Analysis.Promises)
        {
            Assert.Contains(p.Provider, section, StringComparison.Ordinal);
            Assert.Contains(p.Steering.ToString().ToLowerInvariant(), section, StringComparison.Ordinal);
        }

        // No target has per-site addresses: one line says so instead of a column of dashes.
        Assert.DoesNotContain("nearest %", section, StringComparison.Ordinal);
        Assert.Contains("Nearest site: not measured", section, StringComparison.Ordinal);
        Assert.Contains("Regional consistency", section, StringComparison.Ordinal);

        // quad9 came back on JNB: an outage with its gap as a duration, not a "JNB→JNB" failover in ms.
        Assert.False(jnb.Moved);
        Assert.DoesNotContain(content.Analysis.Failovers, f => f is { TargetId: "quad9", VantageId: "vp-jnb" });
        var outages = section[section.IndexOf("Outages: answers came back from the same site", StringComparison.Ordinal)..];
        Assert.Contains("vp-jnb JNB JNB 2026-11-27T12:39:00Z 6m", outages, StringComparison.Ordinal);
        Assert.Contains("Failovers: answers came back from another site None in the window.", section, StringComparison.Ordinal);
        Assert.DoesNotContain("360000", text, StringComparison.Ordinal);
        Assert.DoesNotContain("JNB→JNB", text, StringComparison.Ordinal);
        Assert.DoesNotContain("JNB → JNB", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_Sample_PageOneIsTheAnswer()
    {
        var content = await SampleReport.BuildAsync();

        var first = ExtractPages(content)[0];

        // The grid: every vantage point and target, the shifted ones as "AMS→LHR".
        foreach (var vp in SampleNetwork.Vantages)
        {
            Assert.Contains(vp.Id, first, StringComparison.Ordinal);
        }

        Assert.Contains("AMS→LHR", first, StringComparison.Ordinal);
        Assert.Contains("138.5▲", first, StringComparison.Ordinal);

        // The findings as sentences with numbers, full UTC times and a signed ΔRTT; what the query measures.
        Assert.Contains("k-root: vp-ams and vp-fra moved AMS → LHR at 2026-11-27T12:29:30Z, +5.2 ms", first, StringComparison.Ordinal);
        Assert.Contains("quad9: vp-jnb got no answer to 5 probes for 5m from 2026-11-27T12:40:00Z, then JNB answered again (an outage, not a failover)", first, StringComparison.Ordinal);
        Assert.Contains("is answered by node-7.example, an identity no rule places", first, StringComparison.Ordinal);
        Assert.Contains("Window: 2026-11-27T12:00:00Z to", first, StringComparison.Ordinal);
        Assert.Contains("Counts: 1920 measurements from 8 vantage points", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_Sample_NoTextCut()
    {
        var content = await SampleReport.BuildAsync();

        var (_, text) = Extract(content);

        Assert.DoesNotContain("…", text, StringComparison.Ordinal);
        Assert.DoesNotContain("vantage po ", text, StringComparison.Ordinal);
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

        Assert.Contains("Window: 2026-11-27T12:00:00Z to 2026-11-27T12:59:", text, StringComparison.Ordinal);
        Assert.Contains("generated 2026-11-27T14:00:00Z.", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", text);
        Assert.DoesNotContain("11/27/2026", text, StringComparison.Ordinal);
    }

    private static (int Pages, string Text) Extract(ReportContent content)
    {
        var pages = ExtractPages(content);
        return (pages.Count, string.Join(Environment.NewLine, pages));
    }

    internal static IReadOnlyList<string> ExtractPages(ReportContent content)
    {
        using var stream = new MemoryStream();
        PdfReport.Write(content, stream);
        return PdfWords.Pages(stream.ToArray());
    }
}
