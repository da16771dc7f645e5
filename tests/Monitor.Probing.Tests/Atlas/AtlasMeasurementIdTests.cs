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
}
