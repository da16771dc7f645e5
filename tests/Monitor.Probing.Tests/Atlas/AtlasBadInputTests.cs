using System.Text;

using Monitor.Core.Domain;
using Monitor.Probing.Atlas;

namespace Monitor.Probing.Tests.Atlas;

public sealed class AtlasBadInputTests
{
    private static readonly string Good1 = AtlasRecords.Good(1);
    private static readonly string Good2 = AtlasRecords.Good(2);

    /// <summary>Inputs that are not Atlas DNS data at all, and a word the one-line reason must contain.</summary>
    public static TheoryData<string, byte[], string> NotAtlas => new()
    {
        { "empty file", [], "empty" },
        { "whitespace only", Encoding.UTF8.GetBytes("  \n\t\n"), "empty" },
        { "CSV", Encoding.UTF8.GetBytes("prb_id,msm_id,rt\n1,2,3.5\n"), "not JSON" },
        { "binary", [0x00, 0x01, 0x02, 0xFF], "0x00" },
        { "JSON number", Encoding.UTF8.GetBytes("42"), "not JSON" },
        { "another JSON object", Encoding.UTF8.GetBytes("{\"name\":\"x\",\"value\":1}"), "msm_id" },
        { "array of other objects", Encoding.UTF8.GetBytes("[{\"name\":\"x\"},{\"name\":\"y\"}]"), "msm_id" },
        { "array of numbers", Encoding.UTF8.GetBytes("[1,2,3]"), "readable" },
        { "empty array", Encoding.UTF8.GetBytes("[]"), "no results" },
        { "ping results", Encoding.UTF8.GetBytes("[{\"type\":\"ping\",\"msm_id\":1001,\"prb_id\":5,\"timestamp\":1700000000,\"result\":[{\"rtt\":10.1},{\"rtt\":10.3}]}]"), "'ping'" },
        { "ping results as JSON Lines", Encoding.UTF8.GetBytes("{\"type\":\"ping\",\"msm_id\":1001,\"prb_id\":5,\"timestamp\":1700000000,\"result\":[{\"rtt\":10.1}]}\n"), "'ping'" },
        { "ping results without type", Encoding.UTF8.GetBytes("[{\"msm_id\":1001,\"prb_id\":5,\"timestamp\":1700000000,\"result\":[{\"rtt\":10.1}]}]"), "lists" },
        { "measurement metadata", Encoding.UTF8.GetBytes("{\"id\":1768147,\"type\":\"dns\",\"af\":4,\"target\":\"173.245.58.117\"}"), "msm_id" },
        { "pretty-printed object", Encoding.UTF8.GetBytes("{\n  \"msm_id\": 1,\n  \"prb_id\": 2\n}\n"), "several lines" },
        { "probe archive", AtlasData.Raw(AtlasData.Probes), "probe" },
        { "probe array", Encoding.UTF8.GetBytes("[{\"id\":1,\"latitude\":52.3,\"longitude\":4.9,\"country_code\":\"NL\"}]"), "--probes" },
        { "gzip of a CSV", AtlasTestInput.Gzip(Encoding.UTF8.GetBytes("prb_id,msm_id\n1,2\n")), "not JSON" },
        { "corrupt gzip", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x11], "gzip" },
        { "only broken lines", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"msm_id\": 1, \"prb_id\n", 1200))), "readable" },
    };

    [Theory]
    [MemberData(nameof(NotAtlas))]
    public async Task ReadAsync_NotAtlasDnsData_RefusedWholeWithOneLineReasonBeforeAnyResult(string what, byte[] input, string reasonWord)
    {
        var handedOut = 0;
        var stats = new AtlasFileStats(what);

        var error = await Assert.ThrowsAsync<AtlasFormatException>(async () =>
        {
            await foreach (var _ in new AtlasResultReader().ReadAsync(new MemoryStream(input), stats, TestContext.Current.CancellationToken))
            {
                handedOut++;
            }
        });

        Assert.Equal(0, handedOut);
        Assert.Contains(reasonWord, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task ReadAsync_PingResultsAfterOneDnsResult_FileKeptPingSkippedAsNotDns()
    {
        var input = $"[{Good1},{{\"type\":\"ping\",\"msm_id\":1001,\"prb_id\":5,\"timestamp\":1700000000,\"result\":[{{\"rtt\":10.1}}]}},{Good2}]";

        var (measurements, stats) = await AtlasTestInput.ReadAllAsync(AtlasTestInput.Utf8(input));

        Assert.Equal(2, measurements.Count);
        Assert.Equal(1, stats[AtlasDamage.NotDns]);
        Assert.Equal(3, stats.Results);
    }

    /// <summary>
    /// Damaged parts of good files: the input, the damage counted, how many measurements are still
    /// made, and the outcome of the damaged result when it is stored (null when it is skipped).
    /// </summary>
    public static TheoryData<string, string, AtlasDamage, int, ProbeOutcome?> Damaged => new()
    {
        { "result without abuf", $"[{Good1},{AtlasRecords.Result(5001, 9, 1_700_000_009, "{\"rt\":3.0,\"size\":40}")},{Good2}]", AtlasDamage.NoAbuf, 3, ProbeOutcome.Answered },
        { "abuf not base64", $"[{Good1},{AtlasRecords.Result(5001, 9, 1_700_000_009, "{\"rt\":3.0,\"abuf\":\"!!not base64!!\"}")},{Good2}]", AtlasDamage.InvalidBase64, 3, ProbeOutcome.Malformed },
        { "abuf a number", $"[{Good1},{AtlasRecords.Result(5001, 9, 1_700_000_009, "{\"rt\":3.0,\"abuf\":17}")},{Good2}]", AtlasDamage.InvalidBase64, 3, ProbeOutcome.Malformed },
        { "abuf not DNS", $"[{Good1},{AtlasRecords.Result(5001, 9, 1_700_000_009, "{\"rt\":3.0,\"abuf\":\"aGVsbG8=\"}")},{Good2}]", AtlasDamage.AbufNotDns, 3, ProbeOutcome.Malformed },
        { "abuf a cut DNS message", $"[{Good1},{AtlasRecords.Result(5001, 9, 1_700_000_009, "{\"rt\":3.0,\"abuf\":\"" + Convert.ToBase64String(AtlasRecords.IdServerAnswer("ams1")[..30]) + "\"}")},{Good2}]", AtlasDamage.AbufNotDns, 3, ProbeOutcome.Malformed },
        { "neither result nor error", $"[{Good1},{AtlasRecords.Result(5001, 9, 1_700_000_009, null)},{Good2}]", AtlasDamage.NoResult, 3, ProbeOutcome.NetworkError },
        { "negative prb_id", $"[{Good1},{AtlasRecords.Result(5001, -9, 1_700_000_009, "{\"rt\":3.0}")},{Good2}]", AtlasDamage.OutOfRange, 2, null },
        { "prb_id a string", $"[{Good1},{AtlasRecords.Result(5001, 9, 1_700_000_009, "{\"rt\":3.0}").Replace("\"prb_id\":9", "\"prb_id\":\"nine\"", StringComparison.Ordinal)},{Good2}]", AtlasDamage.OutOfRange, 2, null },
        { "af 5", $"[{Good1},{AtlasRecords.Result(5001, 9, 1_700_000_009, "{\"rt\":3.0}").Replace("\"af\":4", "\"af\":5", StringComparison.Ordinal)},{Good2}]", AtlasDamage.OutOfRange, 2, null },
        { "negative rt", $"[{Good1},{AtlasRecords.Result(5001, 9, 1_700_000_009, "{\"rt\":-3.0,\"abuf\":\"" + AtlasRecords.GoodAbuf + "\"}")},{Good2}]", AtlasDamage.OutOfRange, 2, null },
        { "rt of a year", $"[{Good1},{AtlasRecords.Result(5001, 9, 1_700_000_009, "{\"rt\":31536000000,\"abuf\":\"" + AtlasRecords.GoodAbuf + "\"}")},{Good2}]", AtlasDamage.OutOfRange, 2, null },
        { "size over 65535", $"[{Good1},{AtlasRecords.Result(5001, 9, 1_700_000_009, "{\"rt\":3.0,\"size\":70000,\"abuf\":\"" + AtlasRecords.GoodAbuf + "\"}")},{Good2}]", AtlasDamage.OutOfRange, 2, null },
        { "timestamp in 1970", $"[{Good1},{AtlasRecords.Result(5001, 9, 12, "{\"rt\":3.0}")},{Good2}]", AtlasDamage.OutOfRange, 2, null },
        { "timestamp past 2100", $"[{Good1},{AtlasRecords.Result(5001, 9, 5_000_000_000, "{\"rt\":3.0}")},{Good2}]", AtlasDamage.OutOfRange, 2, null },
        { "proto SCTP", $"[{Good1},{AtlasRecords.Result(5001, 9, 1_700_000_009, "{\"rt\":3.0}").Replace("\"UDP\"", "\"SCTP\"", StringComparison.Ordinal)},{Good2}]", AtlasDamage.OutOfRange, 2, null },
        { "no msm_id", $"[{Good1},{AtlasRecords.Result(5001, 9, 1_700_000_009, "{\"rt\":3.0}").Replace("\"msm_id\":5001,", "", StringComparison.Ordinal)},{Good2}]", AtlasDamage.MissingField, 2, null },
        { "no timestamp", $"[{Good1},{AtlasRecords.Result(5001, 9, 1_700_000_009, "{\"rt\":3.0}").Replace("\"timestamp\":1700000009,", "", StringComparison.Ordinal)},{Good2}]", AtlasDamage.MissingField, 2, null },
        { "array element a number", $"[{Good1},17,{Good2}]", AtlasDamage.BrokenRecord, 2, null },
        { "array element a string", $"[{Good1},\"x\",{Good2}]", AtlasDamage.BrokenRecord, 2, null },
        { "broken JSON inside an element", $"[{Good1},{{\"msm_id\":5001,\"prb_id\":9,,}},{Good2}]", AtlasDamage.BrokenRecord, 2, null },
        { "broken line", $"{Good1}\n{{\"msm_id\": 5001, \"prb_id\n{Good2}\n", AtlasDamage.BrokenRecord, 2, null },
        { "line with trailing garbage", $"{Good1}\n{AtlasRecords.Good(3)} trailing\n{Good2}\n", AtlasDamage.BrokenRecord, 2, null },
        { "line that is an array", $"{Good1}\n[1,2]\n{Good2}\n", AtlasDamage.BrokenRecord, 2, null },
        { "array cut inside a result", $"[{Good1},{Good2},{Good1[..40]}", AtlasDamage.Truncated, 2, null },
        { "array without its end", $"[{Good1},{Good2}", AtlasDamage.Truncated, 2, null },
        { "oversized record", $"[{Good1},{AtlasRecords.Result(5001, 9, 1_700_000_009, "{\"rt\":3.0}", ",\"pad\":\"" + new string('x', 2_000_000) + "\"")},{Good2}]", AtlasDamage.Oversized, 2, null },
        { "oversized line", $"{Good1}\n{AtlasRecords.Result(5001, 9, 1_700_000_009, "{\"rt\":3.0}", ",\"pad\":\"" + new string('x', 2_000_000) + "\"")}\n{Good2}\n", AtlasDamage.Oversized, 2, null },
        { "empty resultset", $"[{Good1},{{\"type\":\"dns\",\"msm_id\":5001,\"prb_id\":9,\"timestamp\":1700000009,\"resultset\":[]}},{Good2}]", AtlasDamage.MissingField, 2, null },
        { "resultset element out of range", $"[{Good1},{{\"type\":\"dns\",\"msm_id\":5001,\"prb_id\":9,\"timestamp\":1700000009,\"resultset\":[{{\"af\":7,\"result\":{{\"rt\":1}}}},{{\"af\":4,\"dst_addr\":\"192.0.2.1\",\"error\":{{\"timeout\":5000}}}}]}},{Good2}]", AtlasDamage.OutOfRange, 3, null },
    };

    [Theory]
    [MemberData(nameof(Damaged))]
    public async Task ReadAsync_DamagedPart_CountedByReasonAndTheGoodResultsKept(string what, string input, AtlasDamage damage, int measurements, ProbeOutcome? damagedOutcome)
    {
        var (read, stats) = await AtlasTestInput.ReadAllAsync(AtlasTestInput.Utf8(input));

        Assert.True(stats[damage] == 1, $"{what}: {damage} counted {stats[damage]} times; counts: {string.Join(", ", stats.Damage.Select(d => $"{d.Key}={d.Value}"))}");
        Assert.Single(stats.Damage);
        Assert.Equal(measurements, read.Count);
        Assert.Contains(read, m => m.Origin.ProbeId == 1);
        Assert.Contains(read, m => m.Origin.ProbeId == 2 || m.Origin.ProbeId == 9);
        var damaged = read.Where(m => m.Damage is not null).ToList();
        if (damagedOutcome is { } outcome)
        {
            var stored = Assert.Single(damaged);
            Assert.Equal(damage, stored.Damage);
            Assert.Equal(outcome, stored.Measurement.Outcome);
            Assert.True(damage.IsStored());
        }
        else
        {
            Assert.Empty(damaged);
            Assert.False(damage.IsStored());
        }
    }

    [Fact]
    public async Task ReadAsync_GzipCutInTheMiddle_TruncatedGzipCountedAndEveryResultBeforeTheCutKept()
    {
        var whole = AtlasData.Raw(AtlasData.OpenDns);
        var (all, _) = await AtlasTestInput.ReadAllAsync(whole);

        var (read, stats) = await AtlasTestInput.ReadAllAsync(whole[..(whole.Length / 2)]);

        Assert.Equal(1, stats[AtlasDamage.TruncatedGzip]);
        Assert.Single(stats.Damage);
        Assert.InRange(read.Count, 1000, all.Count - 1000);
        Assert.Equal(all.Take(read.Count).Select(m => m.Measurement), read.Select(m => m.Measurement));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public async Task ReadAsync_GzipTrailerCut_TruncatedGzipCountedNothingLost(int cut)
    {
        var whole = AtlasData.Raw(AtlasData.Google);

        var (read, stats) = await AtlasTestInput.ReadAllAsync(whole[..^cut]);

        Assert.Equal(1, stats[AtlasDamage.TruncatedGzip]);
        Assert.Equal(8536, read.Count);
    }

    [Fact]
    public async Task ReadAsync_JsonLinesGzipCut_TruncatedGzipCounted()
    {
        var lines = AtlasTestInput.Utf8(string.Join('\n', Enumerable.Range(1, 2000).Select(i => AtlasRecords.Good(i))) + "\n");
        var whole = AtlasTestInput.Gzip(lines);

        var (read, stats) = await AtlasTestInput.ReadAllAsync(whole[..^20]);

        Assert.Equal(1, stats[AtlasDamage.TruncatedGzip]);
        Assert.True(read.Count > 1500);
        Assert.Equal(read.Count, read.Select(m => m.Origin.ProbeId).Distinct().Count());
    }

    [Fact]
    public async Task ReadAsync_GzipWithCorruptBlock_CountedAsTruncatedGzipNoThrow()
    {
        var whole = AtlasData.Raw(AtlasData.Google).ToArray();
        for (var i = whole.Length / 2; i < (whole.Length / 2) + 64; i++)
        {
            whole[i] ^= 0x5A;
        }

        var (read, stats) = await AtlasTestInput.ReadAllAsync(whole);

        Assert.True(stats[AtlasDamage.TruncatedGzip] + stats[AtlasDamage.BrokenRecord] + stats[AtlasDamage.Truncated] >= 1);
        Assert.InRange(read.Count, 1, 8535);
    }

    [Fact]
    public async Task ReadAsync_Utf8ByteOrderMark_Read()
    {
        var input = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(AtlasTestInput.Utf8($"[{Good1},{Good2}]")).ToArray();

        var (read, stats) = await AtlasTestInput.ReadAllAsync(input);

        Assert.Equal(2, read.Count);
        Assert.False(stats.HasDamage);
    }

    [Fact]
    public async Task ReadAsync_TwoArraysOneAfterTheOther_BothRead()
    {
        var (read, stats) = await AtlasTestInput.ReadAllAsync(AtlasTestInput.Utf8($"[{Good1}]\n[{Good2}]\n"));

        Assert.Equal(2, read.Count);
        Assert.False(stats.HasDamage);
    }

    [Fact]
    public async Task ReadAsync_EscapedSlashInAbuf_DecodedAsTheSameMessage()
    {
        var abuf = AtlasRecords.GoodAbuf;
        var escaped = abuf.Replace("/", "\\/", StringComparison.Ordinal).Replace("A", "\\u0041", StringComparison.Ordinal);
        var input = $"[{AtlasRecords.Result(1, 2, 1_700_000_000, "{\"rt\":1.0,\"abuf\":\"" + escaped + "\"}")}]";

        var (read, stats) = await AtlasTestInput.ReadAllAsync(AtlasTestInput.Utf8(input));

        Assert.False(stats.HasDamage);
        Assert.Equal("ams1", Assert.Single(read).Measurement.Identity.IdServer?.Text);
    }

    [Fact]
    public async Task ReadAsync_HostileErrorText_PrintableAndShort()
    {
        var input = $"[{AtlasRecords.Result(1, 2, 1_700_000_000, null, ",\"error\":{\"socket\":\"\\u202e\\u001b[31m" + new string('y', 500) + "\"}")}]";

        var (read, _) = await AtlasTestInput.ReadAllAsync(AtlasTestInput.Utf8(input));

        var error = Assert.Single(read).Measurement.Error!;
        Assert.StartsWith("socket: ??[31m", error, StringComparison.Ordinal);
        Assert.True(error.Length <= 210);
        Assert.All(error, c => Assert.InRange(c, ' ', '~'));
    }
}
