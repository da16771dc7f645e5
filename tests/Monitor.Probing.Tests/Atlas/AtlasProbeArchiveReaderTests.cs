using System.Text.Json;

using Monitor.Probing.Atlas;

namespace Monitor.Probing.Tests.Atlas;

public sealed class AtlasProbeArchiveReaderTests
{
    private static async Task<(List<AtlasProbe> Probes, AtlasFileStats Stats)> ReadAsync(byte[] input)
    {
        var stats = new AtlasFileStats("probes");
        var probes = new List<AtlasProbe>();
        await foreach (var p in AtlasProbeArchiveReader.ReadAsync(new MemoryStream(input), stats, TestContext.Current.CancellationToken))
        {
            probes.Add(p);
        }

        return (probes, stats);
    }

    [Fact]
    public async Task ReadAsync_RealArchive_EveryProbeWithTheFieldsTheDomHas()
    {
        using var dom = JsonDocument.Parse(AtlasData.Json(AtlasData.Probes));
        var objects = dom.RootElement.GetProperty("objects").EnumerateArray().ToList();

        var (probes, stats) = await ReadAsync(AtlasData.Raw(AtlasData.Probes));

        Assert.Equal(objects.Count, probes.Count);
        Assert.Equal(23_823, probes.Count); // meta.total_count says 26,335; the objects array holds 23,823 (see data/README.md)
        Assert.True(stats.Compressed);
        Assert.False(stats.HasDamage);
        for (var i = 0; i < objects.Count; i++)
        {
            var o = objects[i];
            var p = probes[i];
            Assert.Equal(o.GetProperty("id").GetInt64(), p.Id);
            Assert.Equal(Nullable(o, "latitude", e => (double?)e.GetDouble()), p.Latitude);
            Assert.Equal(Nullable(o, "longitude", e => (double?)e.GetDouble()), p.Longitude);
            Assert.Equal(Nullable(o, "country_code", e => e.GetString()), p.CountryCode);
            Assert.Equal(Nullable(o, "asn_v4", e => (long?)e.GetInt64()), p.AsnV4);
            Assert.Equal(Nullable(o, "asn_v6", e => (long?)e.GetInt64()), p.AsnV6);
            Assert.Equal(o.GetProperty("is_anchor").GetBoolean(), p.IsAnchor);
        }

        Assert.Equal(new AtlasProbe(1, 52.3475, 4.9275, "NL", 3265, 3265, false), probes[0]);
        Assert.Contains(probes, p => p.IsAnchor == true);
    }

    [Fact]
    public async Task ReadAsync_PlainArrayUncompressed_SameProbes()
    {
        var (fromArchive, _) = await ReadAsync(AtlasData.Raw(AtlasData.Probes));
        using var dom = JsonDocument.Parse(AtlasData.Json(AtlasData.Probes));
        var array = AtlasTestInput.Utf8(dom.RootElement.GetProperty("objects").GetRawText());

        var (fromArray, stats) = await ReadAsync(array);

        Assert.False(stats.Compressed);
        Assert.Equal(fromArchive, fromArray);
    }

    [Fact]
    public async Task ReadAsync_ProbesApiGeometry_PositionFromThePoint()
    {
        var input = AtlasTestInput.Utf8("""{"count":1,"results":[],"objects":[{"id":7,"geometry":{"type":"Point","coordinates":[4.9,52.3]},"country_code":"nl","asn_v4":3333,"asn_v6":null,"is_anchor":true}]}""");

        var (probes, _) = await ReadAsync(input);

        Assert.Equal(new AtlasProbe(7, 52.3, 4.9, "NL", 3333, null, true), Assert.Single(probes));
    }

    [Fact]
    public async Task ReadAsync_OutOfRangeAndBrokenProbes_CountedOthersKept()
    {
        var input = AtlasTestInput.Utf8("""
            [{"id":1,"latitude":52.3,"longitude":4.9,"country_code":"NL"},
             {"id":2,"latitude":200,"longitude":4.9,"country_code":"NL","asn_v4":-5},
             {"id":3,"latitude":null,"longitude":10.0,"country_code":"N1"},
             17,
             {"id":4,"latitude":1,"longitude":2,,},
             {"id":5,"latitude":-33.9,"longitude":18.4,"country_code":"ZA","asn_v4":37,"is_anchor":false}]
            """);

        var (probes, stats) = await ReadAsync(input);

        Assert.Equal([1L, 2, 3, 5], probes.Select(p => p.Id));
        Assert.Equal(new AtlasProbe(2, null, null, "NL", null, null, null), probes[1]);
        Assert.Equal(new AtlasProbe(3, null, null, null, null, null, null), probes[2]);
        Assert.False(probes[2].HasLocation);
        Assert.Equal(1, stats[AtlasDamage.OutOfRange]);
        Assert.Equal(2, stats[AtlasDamage.BrokenRecord]);
    }

    public static TheoryData<string, byte[], string> NotAnArchive => new()
    {
        { "result file", AtlasData.Raw(AtlasData.Cloudflare), "results" },
        { "result file gzip", AtlasData.Raw(AtlasData.Google), "results" },
        { "CSV", AtlasTestInput.Utf8("id,latitude\n1,2\n"), "not JSON" },
        { "empty", [], "empty" },
        { "other object", AtlasTestInput.Utf8("{\"meta\":{},\"items\":[{\"id\":1}]}"), "objects" },
        { "other array", AtlasTestInput.Utf8("[{\"name\":\"x\"}]"), "probe id" },
    };

    [Theory]
    [MemberData(nameof(NotAnArchive))]
    public async Task ReadAsync_NotAProbeArchive_RefusedBeforeAnyProbe(string what, byte[] input, string word)
    {
        var error = await Assert.ThrowsAsync<AtlasFormatException>(() => ReadAsync(input));

        Assert.Contains(word, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(what));
    }

    private static T? Nullable<T>(JsonElement o, string name, Func<JsonElement, T> read) =>
        o.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? read(value) : default;
}
