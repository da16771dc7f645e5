using Monitor.Cli.Output;

namespace Monitor.Cli.Tests.Output;

public sealed class RunReportTests
{
    [Theory]
    [InlineData("ams1", "ams1")]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData(null, "")]
    public void Csv_Field_IsQuotedAndDefused(string? value, string expected) =>
        Assert.Equal(expected, RunReport.Csv(value));
}
