using Monitor.Core.Analysis.Interception;

namespace Monitor.Core.Tests.Analysis.Interception;

public sealed class IdentityShapeTests
{
    [Theory]
    [InlineData("res200.vie.rrdns.pch.net", "a9.a.a.pch.net")]
    [InlineData("res300.ams.rrdns.pch.net", "a9.a.a.pch.net")]
    [InlineData("JNB", "A")]
    [InlineData("LHR", "A")]
    [InlineData("gpdns-bud", "a-a")]
    [InlineData("ns1.nl-ams.k.ripe.net", "a9.a-a.a.ripe.net")]
    [InlineData("ext-resolve05f.ht.yandex.net", "a-a9a.a.yandex.net")]
    [InlineData("DNS2", "A9")]
    [InlineData("Balder", "Aa")]
    [InlineData("unbound.t72.ru", "a.t72.ru")]
    [InlineData("", IdentityShape.Empty)]
    [InlineData(null, IdentityShape.NoIdentity)]
    public void Of_Identity_Shape(string? identity, string shape) => Assert.Equal(shape, IdentityShape.Of(identity));
}
