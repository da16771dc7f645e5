using Monitor.Reporting.Text;

namespace Monitor.Reporting.Tests.Text;

public sealed class SafeTextTests
{
    [Theory]
    [InlineData("ams1", "ams1")]
    [InlineData("Zürich", "Zürich")]
    [InlineData("a\u202Eb", "a\\u{202E}b")]
    [InlineData("a\u0000b\nc", "a\\u{0000}b\\u{000A}c")]
    [InlineData("\uFFFD", "\\u{FFFD}")]
    public void Escape_Hostile_IsVisibleAscii(string text, string expected) =>
        Assert.Equal(expected, SafeText.Escape(text));

    [Fact]
    public void Escape_LoneSurrogate_IsEscaped() =>
        Assert.Equal("\\u{D800}x", SafeText.Escape(new string([(char)0xD800, 'x'])));

    [Fact]
    public void Label_TenKilobytes_IsCutWithEllipsis()
    {
        var label = SafeText.Label(new string('x', 10_000));

        Assert.Equal(SafeText.LabelLength, label.Length);
        Assert.EndsWith("…", label, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ams1", "ams1")]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("+1", "'+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("x\u202Ey", "x\\u{202E}y")]
    [InlineData(null, "")]
    public void CsvField_Value_IsQuotedEscapedAndDefused(string? value, string expected) =>
        Assert.Equal(expected, SafeText.CsvField(value));
}
