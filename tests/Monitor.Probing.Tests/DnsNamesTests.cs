using Monitor.Core.Domain;
using Monitor.Core.Text;

namespace Monitor.Probing.Tests;

public sealed class DnsNamesTests
{
    [Theory]
    [InlineData("TXT", DnsTypes.TXT)]
    [InlineData("aaaa", DnsTypes.AAAA)]
    [InlineData("A", DnsTypes.A)]
    [InlineData("SOA", 6)]
    [InlineData("TYPE65", 65)]
    [InlineData("type999", 999)]
    public void TryParseType_Known_GivesValue(string text, int expected)
    {
        Assert.True(DnsNames.TryParseType(text, out var qtype));
        Assert.Equal(expected, qtype);
    }

    [Theory]
    [InlineData("BOGUS")]
    [InlineData("16")]
    [InlineData("")]
    [InlineData("TYPE")]
    [InlineData("TYPE70000")]
    [InlineData("TYPE-1")]
    [InlineData("AXFR")]
    public void TryParseType_Unknown_Fails(string text) =>
        Assert.False(DnsNames.TryParseType(text, out _));

    [Theory]
    [InlineData("IN", DnsClasses.IN)]
    [InlineData("ch", DnsClasses.CH)]
    [InlineData("CHAOS", DnsClasses.CH)]
    [InlineData("CLASS254", 254)]
    public void TryParseClass_Known_GivesValue(string text, int expected)
    {
        Assert.True(DnsNames.TryParseClass(text, out var qclass));
        Assert.Equal(expected, qclass);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("3")]
    public void TryParseClass_Unknown_Fails(string text) =>
        Assert.False(DnsNames.TryParseClass(text, out _));

    [Fact]
    public void Names_RoundTrip()
    {
        Assert.Equal("TXT", DnsNames.TypeName(DnsTypes.TXT));
        Assert.Equal("CH", DnsNames.ClassName(DnsClasses.CH));
        Assert.Equal("TYPE65000", DnsNames.TypeName(65000));
        Assert.Equal("CLASS9", DnsNames.ClassName(9));
    }
}
