using Monitor.Probing.Atlas;

namespace Monitor.Probing.Tests.Atlas;

public sealed class AtlasMeasurementIdTests
{
    [Fact]
    public void Create_SameKey_SameIdVersion8Rfc9562Variant()
    {
        var a = AtlasMeasurementId.Create(1768147, 10855, 1426896503, 4, "UDP", "173.245.58.117", null);
        var b = AtlasMeasurementId.Create(1768147, 10855, 1426896503, 4, "udp", "173.245.58.117", null);

        Assert.Equal(a, b);
        Assert.Equal(8, a.Version);
        Assert.Equal(0b10, a.Variant >> 2);
    }

    public static TheoryData<long, long, long, int?, string?, string?, int?> OtherKeys => new()
    {
        { 1768148, 10855, 1426896503, 4, "UDP", "173.245.58.117", null },
        { 1768147, 10856, 1426896503, 4, "UDP", "173.245.58.117", null },
        { 1768147, 10855, 1426896504, 4, "UDP", "173.245.58.117", null },
        { 1768147, 10855, 1426896503, 6, "UDP", "173.245.58.117", null },
        { 1768147, 10855, 1426896503, 4, "TCP", "173.245.58.117", null },
        { 1768147, 10855, 1426896503, 4, "UDP", "173.245.58.118", null },
        { 1768147, 10855, 1426896503, 4, "UDP", "173.245.58.117", 0 },
        { 1768147, 10855, 1426896503, null, null, null, null },
    };

    [Theory]
    [MemberData(nameof(OtherKeys))]
    public void Create_AnyPartOfTheKeyDiffers_AnotherId(long msm, long prb, long timestamp, int? af, string? proto, string? dst, int? index)
    {
        var baseline = AtlasMeasurementId.Create(1768147, 10855, 1426896503, 4, "UDP", "173.245.58.117", null);

        Assert.NotEqual(baseline, AtlasMeasurementId.Create(msm, prb, timestamp, af, proto, dst, index));
    }

    [Theory]
    [InlineData(1768147L, 10855L, 1426896503L, 4, "UDP", "173.245.58.117", null, "atlas/1768147/10855/1426896503/4/UDP/173.245.58.117/")]
    [InlineData(1768147L, 10855L, 1426896503L, null, "tcp", null, 3, "atlas/1768147/10855/1426896503//TCP//3")]
    public void Create_Key_FirstBitsOfSha256OfTheDocumentedKey(long msm, long prb, long timestamp, int? af, string? proto, string? dst, int? index, string key)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);

        Assert.Equal(new Guid(hash.AsSpan(0, 16), bigEndian: true), AtlasMeasurementId.Create(msm, prb, timestamp, af, proto, dst, index));
    }
}

