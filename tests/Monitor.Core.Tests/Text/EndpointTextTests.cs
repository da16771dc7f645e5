using System.Net;

using Monitor.Core.Text;

namespace Monitor.Core.Tests.Text;

public sealed class EndpointTextTests
{
    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1", null)]
    [InlineData("192.0.2.1:5353", "192.0.2.1", 5353)]
    [InlineData("2001:db8::1", "2001:db8::1", null)]
    [InlineData("::1", "::1", null)]
    [InlineData("[2001:db8::1]:5353", "2001:db8::1", 5353)]
    [InlineData("[::1]", "::1", null)]
    public void TryParse_Valid_GivesAddressAndPort(string text, string address, int? port)
    {
        Assert.True(EndpointText.TryParse(text, out var parsed, out var parsedPort, out _));
        Assert.Equal(IPAddress.Parse(address), parsed);
        Assert.Equal(port, parsedPort);
    }

    [Theory]
    [InlineData("999.1.1.1", "not an IPv4 or IPv6 address")]
    [InlineData("1", "not an IPv4 or IPv6 address")]
    [InlineData("10.1", "not an IPv4 or IPv6 address")]
    [InlineData("example.com", "not an IPv4 or IPv6 address")]
    [InlineData("192.0.2.1:0", "bad port")]
    [InlineData("192.0.2.1:65536", "bad port")]
    [InlineData("192.0.2.1:x", "bad port")]
    [InlineData("[::1", "without ']'")]
    [InlineData("[::1]x", "only ':PORT'")]
    [InlineData("[192.0.2.1]:53", "not an IPv4 or IPv6 address")]
    public void TryParse_Invalid_SaysWhy(string text, string reason)
    {
        Assert.False(EndpointText.TryParse(text, out _, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_Ipv6_UsesBrackets()
    {
        Assert.Equal("[::1]:53", EndpointText.Format(IPAddress.IPv6Loopback, 53));
        Assert.Equal("127.0.0.1:5353", EndpointText.Format(IPAddress.Loopback, 5353));
    }
}
