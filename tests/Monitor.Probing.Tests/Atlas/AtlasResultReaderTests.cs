using System.Net;
using System.Text;
using System.Text.Json;

using Monitor.Core.Domain;
using Monitor.Probing.Atlas;
using Monitor.Testing;

namespace Monitor.Probing.Tests.Atlas;

public sealed class AtlasResultReaderTests
{
    public static TheoryData<string> SharedFiles => [.. AtlasData.ResultFiles];

    [Theory]
    [MemberData(nameof(SharedFiles))]
    public async Task ReadAsync_SharedFile_OneMeasurementPerResultErrorsIncluded(string file)
    {
        var dom = AtlasData.Results(file);
        var expected = AtlasData.CountResults(file);

        var (measurements, stats) = await AtlasTestInput.ReadAllAsync(AtlasData.Raw(file));

        Assert.Equal(expected, measurements.Count);
        Assert.Equal(expected, stats.Results);
        Assert.Equal(expected, stats.Measurements);
        Assert.Equal(file.EndsWith(".gz", StringComparison.Ordinal), stats.Compressed);
        Assert.Equal(dom.Count(r => r.TryGetProperty("error", out var e) && e.TryGetProperty("timeout", out _)), measurements.Count(m => m.Measurement.Outcome == ProbeOutcome.Timeout));
        Assert.Equal(dom.Count(r => r.TryGetProperty("error", out var e) && !e.TryGetProperty("timeout", out _)), measurements.Count(m => m.Measurement.Outcome == ProbeOutcome.NetworkError));
        Assert.Equal(dom.Count(r => r.TryGetProperty("result", out var x) && !x.TryGetProperty("abuf", out _)), stats[AtlasDamage.NoAbuf]);
        Assert.Equal(expected, measurements.Select(m => m.Measurement.Id).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(SharedFiles))]
    public async Task ReadAsync_SharedFile_RcodeAndIdentityEqualTheAbufDecodedIndependently(string file)
    {
        var dom = AtlasData.Results(file);
        var (measurements, _) = await AtlasTestInput.ReadAllAsync(AtlasData.Raw(file));

        Assert.Equal(dom.Length, measurements.Count);
        var identities = 0;
        for (var i = 0; i < dom.Length; i++)
        {
            var m = measurements[i].Measurement;
            Assert.Equal("atlas-" + dom[i].GetProperty("prb_id").GetInt64(), m.VantageId);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(dom[i].GetProperty("timestamp").GetInt64()), m.Started);
            if (!dom[i].TryGetProperty("result", out var result) || !result.TryGetProperty("abuf", out var abuf))
            {
                Assert.Equal(ObservedIdentity.None, m.Identity);
                continue;
            }

            var decoded = IndependentDns.Decode(Convert.FromBase64String(abuf.GetString()!));
            Assert.Equal(decoded.Rcode, m.Rcode);
            Assert.Equal(result.GetProperty("rt").GetDouble(), m.Rtt!.Value.TotalMilliseconds, 6);

            var txt = decoded.Txt.Where(t => string.Equals(t.Owner, decoded.QName, StringComparison.OrdinalIgnoreCase))
                .OrderBy(t => t.Class == decoded.QClass ? 0 : 1)
                .Select(t => t.Text)
                .FirstOrDefault();
            var expectedIdServer = string.Equals(decoded.QName, "id.server", StringComparison.OrdinalIgnoreCase) ? txt : null;
            var expectedHostnameBind = string.Equals(decoded.QName, "hostname.bind", StringComparison.OrdinalIgnoreCase) ? txt : null;
            Assert.Equal(expectedIdServer, m.Identity.IdServer?.Raw.ToArray());
            Assert.Equal(expectedHostnameBind, m.Identity.HostnameBind?.Raw.ToArray());
            Assert.Equal(decoded.Nsid, m.Identity.Nsid?.Raw.ToArray());
            identities += txt is null ? 0 : 1;
        }

        // Each file but the CNAME one has identities to compare; the test compares real ones.
        Assert.True(identities > 0 || file == AtlasData.Quad9Cname || file == AtlasData.Quad9NoAbuf);
    }

    [Theory]
    [InlineData(AtlasData.Cloudflare)]
    [InlineData(AtlasData.Quad9A)]
    [InlineData(AtlasData.Quad9B)]
    public async Task ReadAsync_FileWithAtlasAnswers_IdentityEqualsAtlasOwnDecoding(string file)
    {
        var dom = AtlasData.Results(file);
        var (measurements, _) = await AtlasTestInput.ReadAllAsync(AtlasData.Raw(file));

        var compared = 0;
        for (var i = 0; i < dom.Length; i++)
        {
            if (dom[i].TryGetProperty("result", out var result) && result.TryGetProperty("answers", out var answers))
            {
                var rdata = answers[0].GetProperty("RDATA");
                var text = rdata.ValueKind == JsonValueKind.Array ? string.Concat(rdata.EnumerateArray().Select(s => s.GetString())) : rdata.GetString();
                Assert.Equal(text, measurements[i].Measurement.Identity.IdServer?.Text);
                compared++;
            }
        }

        Assert.True(compared > 80, $"only {compared} answers compared");
    }

    [Fact]
    public async Task ReadAsync_CloudflareFirstResult_MapsEveryField()
    {
        var (measurements, _) = await AtlasTestInput.ReadAllAsync(AtlasData.Raw(AtlasData.Cloudflare));

        var first = measurements[0];
        Assert.Equal("atlas-10855", first.Measurement.VantageId);
        Assert.Equal("atlas-1768147-173.245.58.117", first.Measurement.TargetId);
        Assert.Equal(new AtlasTarget("atlas-1768147-173.245.58.117", 1768147, IPAddress.Parse("173.245.58.117"), Transport.Udp), first.Target);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1426896503), first.Measurement.Started);
        Assert.Equal(TimeSpan.FromMicroseconds(65725), first.Measurement.Rtt);
        Assert.Equal(ProbeOutcome.Answered, first.Measurement.Outcome);
        Assert.Equal(DnsRcodes.NoError, first.Measurement.Rcode);
        Assert.Equal(43, first.Measurement.ResponseSize);
        Assert.Equal("JNB", first.Measurement.Identity.IdServer?.Text);
        Assert.Null(first.Measurement.Identity.HostnameBind);
        Assert.Equal(DnsQuestion.IdServer, first.Question);
        Assert.Equal(new AtlasOrigin(1768147, 10855, "41.190.138.12", null), first.Origin);
        Assert.Null(first.Damage);
    }

    [Fact]
    public async Task ReadAsync_ErrorWithoutDstAddr_TargetFromDstNameAndSocketErrorKept()
    {
        var (measurements, _) = await AtlasTestInput.ReadAllAsync(AtlasData.Raw(AtlasData.Quad9B));

        var unreachable = measurements.Where(m => m.Origin.ProbeId == 1001373).Single();
        Assert.Equal(ProbeOutcome.NetworkError, unreachable.Measurement.Outcome);
        Assert.Equal("socket: connect failed Network is unreachable", unreachable.Measurement.Error);
        Assert.Equal("atlas-29096558-149.112.149.112", unreachable.Measurement.TargetId);
        Assert.Single(measurements.Select(m => m.Measurement.TargetId).Distinct());
    }

    [Fact]
    public async Task ReadAsync_HostnameBindQuestion_IdentityIsHostnameBind()
    {
        var (measurements, _) = await AtlasTestInput.ReadAllAsync(AtlasData.Raw(AtlasData.Google));

        var withIdentity = measurements.Where(m => !m.Measurement.Identity.IsEmpty).ToList();
        Assert.NotEmpty(withIdentity);
        Assert.All(withIdentity, m => Assert.NotNull(m.Measurement.Identity.HostnameBind));
        Assert.All(withIdentity, m => Assert.Null(m.Measurement.Identity.IdServer));
        Assert.Equal(10, measurements.Select(m => m.Measurement.TargetId).Distinct().Count());
    }

    [Fact]
    public async Task ReadAsync_OtherQuestionAnsweredByCname_NoIdentityButRcode()
    {
        var (measurements, _) = await AtlasTestInput.ReadAllAsync(AtlasData.Raw(AtlasData.Quad9Cname));

        var answered = measurements.Where(m => m.Measurement.IsAnswered).ToList();
        Assert.Equal(13, answered.Count);
        Assert.All(answered, m => Assert.Equal(new DnsQuestion("id.server.on.quad9.net", DnsClasses.IN, DnsTypes.TXT), m.Question));
        Assert.All(answered, m => Assert.True(m.Measurement.Identity.IsEmpty));
    }

    [Theory]
    [InlineData(AtlasData.Cloudflare)]
    [InlineData(AtlasData.Google)]
    [InlineData(AtlasData.Quad9B)]
    public async Task ReadAsync_GzipOrJsonLinesOfTheSameResults_SameMeasurements(string file)
    {
        var (plain, _) = await AtlasTestInput.ReadAllAsync(AtlasData.Json(file));
        var (gzip, gzipStats) = await AtlasTestInput.ReadAllAsync(AtlasTestInput.Gzip(AtlasData.Json(file)));
        var (lines, linesStats) = await AtlasTestInput.ReadAllAsync(AtlasTestInput.ToJsonLines(file));
        var (linesGzip, _) = await AtlasTestInput.ReadAllAsync(AtlasTestInput.Gzip(AtlasTestInput.ToJsonLines(file)));

        Assert.True(gzipStats.Compressed);
        Assert.True(linesStats.JsonLines);
        Assert.False(linesStats.HasDamage);
        Assert.Equal(plain.Select(m => m.Measurement), gzip.Select(m => m.Measurement));
        Assert.Equal(plain.Select(m => m.Measurement), lines.Select(m => m.Measurement));
        Assert.Equal(plain.Select(m => m.Measurement), linesGzip.Select(m => m.Measurement));
    }

    [Fact]
    public async Task ReadAsync_SameFileTwice_SameIds()
    {
        var bytes = AtlasData.Raw(AtlasData.OpenDns);

        var (first, _) = await AtlasTestInput.ReadAllAsync(bytes);
        var (second, _) = await AtlasTestInput.ReadAllAsync(bytes);

        Assert.Equal(first.Select(m => m.Measurement.Id), second.Select(m => m.Measurement.Id));
    }

    [Fact]
    public async Task ReadAsync_OverlappingDownloads_UnionOfIdsIsTheWhole()
    {
        var dom = AtlasData.Results(AtlasData.Cloudflare);
        var early = Encoding.UTF8.GetBytes("[" + string.Join(',', dom.Take(2000).Select(r => r.GetRawText())) + "]");
        var late = Encoding.UTF8.GetBytes("[" + string.Join(',', dom.Skip(1500).Select(r => r.GetRawText())) + "]");

        var (whole, _) = await AtlasTestInput.ReadAllAsync(AtlasData.Raw(AtlasData.Cloudflare));
        var (a, _) = await AtlasTestInput.ReadAllAsync(early);
        var (b, _) = await AtlasTestInput.ReadAllAsync(late);

        var union = a.Concat(b).Select(m => m.Measurement.Id).ToHashSet();
        Assert.Equal(whole.Count, union.Count);
        Assert.True(union.SetEquals(whole.Select(m => m.Measurement.Id)));
    }

    [Fact]
    public async Task ReadAsync_Resultset_OneMeasurementPerElementWithItsOwnTimeTargetAndPosition()
    {
        var abuf1 = Convert.ToBase64String(AtlasRecords.IdServerAnswer("ams1"));
        var abuf2 = Convert.ToBase64String(AtlasRecords.IdServerAnswer("fra2"));
        var json = $$$"""
            [{"type":"dns","msm_id":30001,"prb_id":7,"timestamp":1700000000,"from":"192.0.2.7","resultset":[
              {"af":4,"dst_addr":"192.0.2.53","proto":"UDP","time":1700000001,"result":{"rt":10.5,"size":40,"abuf":"{{{abuf1}}}"}},
              {"af":6,"dst_addr":"2001:db8::53","proto":"TCP","time":1700000002,"result":{"rt":20.25,"size":40,"abuf":"{{{abuf2}}}"}},
              {"af":4,"dst_addr":"192.0.2.53","proto":"UDP","time":1700000003,"error":{"timeout":5000}}]}]
            """;

        var (measurements, stats) = await AtlasTestInput.ReadAllAsync(AtlasTestInput.Utf8(json));

        Assert.Equal(3, stats.Results);
        Assert.Equal([0, 1, 2], measurements.Select(m => m.Origin.ResultsetIndex ?? -1));
        Assert.Equal(["ams1", "fra2", null], measurements.Select(m => m.Measurement.Identity.IdServer?.Text));
        Assert.Equal(["atlas-30001-192.0.2.53", "atlas-30001-2001:db8::53", "atlas-30001-192.0.2.53"], measurements.Select(m => m.Measurement.TargetId));
        Assert.Equal(Transport.Tcp, measurements[1].Target.Transport);
        Assert.Equal([1700000001L, 1700000002L, 1700000003L], measurements.Select(m => m.Measurement.Started.ToUnixTimeSeconds()));
        Assert.Equal(ProbeOutcome.Timeout, measurements[2].Measurement.Outcome);
        Assert.Equal(3, measurements.Select(m => m.Measurement.Id).Distinct().Count());
        Assert.All(measurements, m => Assert.Equal(new AtlasOrigin(30001, 7, "192.0.2.7", m.Origin.ResultsetIndex), m.Origin));
    }

    [Fact]
    public async Task ReadAsync_NsidInOpt_KeptAsNsidBesideIdServer()
    {
        var abuf = Convert.ToBase64String(AtlasRecords.IdServerAnswer("ams1", nsid: "ams1.node7", extendedRcode: 1));
        var json = AtlasRecords.Result(1, 2, 1700000000, $$"""{"rt":1.0,"abuf":"{{abuf}}"}""");

        var (measurements, _) = await AtlasTestInput.ReadAllAsync(AtlasTestInput.Utf8("[" + json + "]"));

        var m = Assert.Single(measurements).Measurement;
        Assert.Equal("ams1", m.Identity.IdServer?.Text);
        Assert.Equal("ams1.node7", m.Identity.Nsid?.Text);
        Assert.Equal(16, m.Rcode);
    }

    [Fact]
    public async Task ReadAsync_TargetOverride_EveryResultOnThatTarget()
    {
        var (measurements, _) = await AtlasTestInput.ReadAllAsync(AtlasData.Raw(AtlasData.Google), new AtlasReadOptions { TargetId = "google-v4" });

        Assert.All(measurements, m => Assert.Equal("google-v4", m.Measurement.TargetId));
        Assert.Equal(8536, measurements.Count);
    }

    [Fact]
    public async Task ReadAsync_SeveralFilesOneReader_TargetsShared()
    {
        var reader = new AtlasResultReader();

        var (a, _) = await AtlasTestInput.ReadAllAsync(reader, AtlasData.Raw(AtlasData.Quad9A));
        var (b, _) = await AtlasTestInput.ReadAllAsync(reader, AtlasData.Raw(AtlasData.Quad9B));

        Assert.NotEqual(a[0].Measurement.TargetId, b[0].Measurement.TargetId);
        Assert.Equal(b[0].Target, b[^1].Target);
    }

    [Fact]
    public async Task ReadAsync_ManyResults_MeasurementsAsGeneratedAndIdsDistinct()
    {
        using var file = new MemoryStream();
        var summary = AtlasSyntheticResults.Write(file, new AtlasSyntheticOptions { Results = 50_000, Probes = 700, JsonLines = false, Seed = 3 });

        var (measurements, stats) = await AtlasTestInput.ReadAllAsync(file.ToArray());

        Assert.Equal(summary.Results, measurements.Count);
        Assert.False(stats.HasDamage);
        Assert.Equal(summary.Timeouts, measurements.Count(m => m.Measurement.Outcome == ProbeOutcome.Timeout));
        Assert.Equal(summary.Answered, measurements.Count(m => m.Measurement.IsAnswered));
        Assert.Equal(summary.WithIdentity, measurements.Count(m => m.Measurement.Identity.IdServer is not null));
        Assert.Equal(summary.Results, measurements.Select(m => m.Measurement.Id).Distinct().Count());
        Assert.Equal(summary.Probes, measurements.Select(m => m.Measurement.VantageId).Distinct().Count());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadAsync_ManyBatchesReadInParallel_FileOrderKept(bool jsonLines)
    {
        using var file = new MemoryStream();
        AtlasSyntheticResults.Write(file, new AtlasSyntheticOptions { Results = 12_345, Probes = 300, JsonLines = jsonLines, Seed = 5 });
        var bytes = file.ToArray();

        var (measurements, _) = await AtlasTestInput.ReadAllAsync(bytes);

        // The order as written, read independently of the reader with JsonDocument.
        var written = new List<(string Vantage, long Timestamp)>();
        var elements = jsonLines
            ? Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            : JsonDocument.Parse(bytes).RootElement.EnumerateArray();
        foreach (var e in elements)
        {
            written.Add(("atlas-" + e.GetProperty("prb_id").GetInt64(), e.GetProperty("timestamp").GetInt64()));
        }

        Assert.Equal(written, measurements.Select(m => (m.Measurement.VantageId, m.Measurement.Started.ToUnixTimeSeconds())));
    }
}
