using System.Text;

using Monitor.Core.Domain;

namespace Monitor.Core.Tests.Domain;

public sealed class IdentityValueTests
{
    [Theory]
    [InlineData(new byte[] { (byte)'L', (byte)'H', (byte)'R' }, "LHR")]
    [InlineData(new byte[] { (byte)'a', 0x00, (byte)'b' }, "a\\000b")]
    [InlineData(new byte[] { 0x1b, (byte)'[', (byte)'2', (byte)'J' }, "\\027[2J")]
    [InlineData(new byte[] { (byte)'"', (byte)'\\' }, "\\\"\\\\")]
    [InlineData(new byte[] { 0xe2, 0x80, 0xae }, "\\226\\128\\174")] // U+202E RIGHT-TO-LEFT OVERRIDE
    [InlineData(new byte[] { 0xff, 0xfe }, "\\255\\254")] // not UTF-8 at all
    [InlineData(new byte[] { }, "")]
    public void Text_AnyOctets_IsEscapedPrintableAscii(byte[] raw, string expected)
    {
        var value = new IdentityValue(raw);

        Assert.Equal(expected, value.Text);
        Assert.All(value.Text, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal(raw, value.Raw.ToArray());
    }

    [Fact]
    public void Equals_SameOctets_AreEqual()
    {
        var a = new IdentityValue(Encoding.ASCII.GetBytes("ams1"));
        var b = IdentityValue.FromAscii("ams1");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, IdentityValue.FromAscii("ams2"));
    }

    [Fact]
    public void Hex_Octets_AreLowerCaseHex() =>
        Assert.Equal("6e7369642d59", IdentityValue.FromAscii("nsid-Y").Hex);

    [Fact]
    public void ObservedIdentity_ToString_NamesEachMethod()
    {
        var identity = new ObservedIdentity(IdentityValue.FromAscii("x"), null, IdentityValue.FromAscii("y"));

        Assert.Equal("id.server=x nsid=y", identity.ToString());
        Assert.False(identity.IsEmpty);
        Assert.True(ObservedIdentity.None.IsEmpty);
        Assert.Equal(string.Empty, ObservedIdentity.None.ToString());
    }
}
