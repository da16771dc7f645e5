using Monitor.Core.Text;

namespace Monitor.Core.Tests.Text;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData(" 250ms ", 250)]
    [InlineData("2S", 2_000)]
    public void Parse_ValidText_GivesDuration(string text, double expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), DurationText.Parse(text));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("10", "no unit")]
    [InlineData("5x", "unknown unit 'x'")]
    [InlineData("ms", "not a duration")]
    [InlineData("-1s", "not a duration")]
    [InlineData("1s-", "not a duration")]
    [InlineData("1..2s", "not a duration")]
    public void TryParse_BadText_SaysWhy(string text, string reason)
    {
        Assert.False(DurationText.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(250, "250ms")]
    [InlineData(0, "0s")]
    [InlineData(3_600_000, "1h")]
    public void Format_Duration_ReadsBack(double ms, string expected)
    {
        var duration = TimeSpan.FromMilliseconds(ms);
        Assert.Equal(expected, DurationText.Format(duration));
        Assert.Equal(duration, DurationText.Parse(expected));
    }
}
