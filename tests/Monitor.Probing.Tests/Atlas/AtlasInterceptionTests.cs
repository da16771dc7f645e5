using Monitor.Core.Analysis.Interception;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;
using Monitor.Probing.Atlas;

namespace Monitor.Probing.Tests.Atlas;

/// <summary>The interception rule on real Atlas data: the 8.8.8.8 and OpenDNS files show it, the Cloudflare file must not.</summary>
public sealed class AtlasInterceptionTests
{
    private static async Task<Dictionary<string, VantagePoint>> ProbePlacesAsync()
    {
        var places = new Dictionary<string, VantagePoint>(StringComparer.Ordinal);
        await foreach (var p in AtlasProbeArchiveReader.ReadAsync(new MemoryStream(AtlasData.Raw(AtlasData.Probes)), new AtlasFileStats("probes"), TestContext.Current.CancellationToken))
        {
            places[p.VantageId] = new VantagePoint(p.VantageId) { Latitude = p.Latitude, Longitude = p.Longitude, Country = p.CountryCode, Asn = p.AsnV4 ?? p.AsnV6 };
        }

        return places;
    }

    private static async Task<InterceptionReport> DetectAsync(string file)
    {
        var (measurements, _) = await AtlasTestInput.ReadAllAsync(AtlasData.Raw(file));
        var detector = new InterceptionDetector(SiteResolver.CreateDefault());
        measurements.ForEach(m => detector.Add(m.Measurement));
        return detector.Detect(await ProbePlacesAsync());
    }

    /// <summary>(target, vantage) of every result whose abuf rcode, decoded independently, is not the file's dominant one.</summary>
    private static HashSet<(string, string)> OddRcodes(string file, int dominant) =>
        [.. AtlasData.Results(file)
            .Where(r => r.TryGetProperty("result", out var x) && x.TryGetProperty("abuf", out _))
            .Where(r => IndependentDns.Decode(Convert.FromBase64String(r.GetProperty("result").GetProperty("abuf").GetString()!)).Rcode != dominant)
            .Select(r => ($"atlas-{r.GetProperty("msm_id").GetInt64()}-{r.GetProperty("dst_addr").GetString()}", $"atlas-{r.GetProperty("prb_id").GetInt64()}"))];

    [Theory]
    [InlineData(AtlasData.Google, DnsRcodes.ServFail)]
    [InlineData(AtlasData.OpenDns, DnsRcodes.Refused)]
    public async Task Detect_ResolverFileWithInterceptors_EveryAnswerUnlikeTheOperatorsFlagged(string file, int dominant)
    {
        var report = await DetectAsync(file);

        var expected = OddRcodes(file, dominant);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(e => e), report.Findings.Select(f => (f.TargetId, f.VantageId)).OrderBy(e => e));
        Assert.All(report.Findings, f => Assert.True(f.Reasons.HasFlag(InterceptionReasons.Rcode)));
        Assert.All(report.Findings, f => Assert.Equal(dominant, f.OthersRcode));
        Assert.All(report.Targets, t => Assert.Equal(IdentityShape.NoIdentity, t.OperatorShape));
        Assert.All(report.Findings.Where(f => f.Identity is not null), f => Assert.True(f.Reasons.HasFlag(InterceptionReasons.ForeignIdentity)));
        Assert.Contains(report.Findings, f => f.Identity is not null);
    }

    [Fact]
    public async Task Detect_Cloudflare_NoForeignIdentityOrRcodeAndEveryFloorFlagWithItsEvidence()
    {
        var report = await DetectAsync(AtlasData.Cloudflare);

        var target = Assert.Single(report.Targets);
        Assert.Equal("A", target.OperatorShape);
        Assert.NotEmpty(target.OperatorSites);
        Assert.DoesNotContain(report.Findings, f => (f.Reasons & (InterceptionReasons.ForeignIdentity | InterceptionReasons.Rcode)) != 0);
        Assert.All(report.Findings, f => Assert.True(f.MinRttMs < f.FloorMs));
        Assert.True(target.VantagesWithoutLocation.Count < target.Vantages);
    }
}
