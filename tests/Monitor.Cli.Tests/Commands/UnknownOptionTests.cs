using Monitor.Cli.Commands;

namespace Monitor.Cli.Tests.Commands;

/// <summary>
/// An option a command does not have is reported as an unknown option, with the closest known one
/// when it looks like a typo, in one line with exit code 2; never as a bad address or value.
/// </summary>
public sealed class UnknownOptionTests
{
    [Theory]
    [InlineData("unknown option '-x' (see 'monitor probe --help')", "probe", "-x", "127.0.0.1")]
    [InlineData("unknown option '-x' (see 'monitor probe --help')", "probe", "127.0.0.1", "-x")]
    [InlineData("unknown option '--intervall'; did you mean '--interval'?", "probe", "--intervall", "1s", "127.0.0.1")]
    [InlineData("unknown option '--tiemout'; did you mean '--timeout'?", "probe", "127.0.0.1", "--tiemout", "1s")]
    [InlineData("unknown option '-I'; did you mean '-i'?", "probe", "-I", "1s", "127.0.0.1")]
    [InlineData("unknown option '--trget'; did you mean '--target'?", "analyze", "--trget", "x")]
    [InlineData("unknown option '--bogus' (see 'monitor run --help')", "run", "--config", "x.yaml", "--bogus")]
    [InlineData("unknown option '--vantge'; did you mean '--vantage'?", "worker", "--vantge", "ams")]
    [InlineData("unknown option '--jsn'; did you mean '--json'?", "identify", "--jsn", "ams1.example")]
    [InlineData("unknown option '--formt'; did you mean '--format'?", "report", "--out", "o", "--formt", "pdf")]
    [InlineData("unknown option '--dbb'; did you mean '--db'?", "db", "stats", "--dbb", "x.db")]
    public async Task UnknownOption_OneLineWithClosestAndExit2(string expected, params string[] args)
    {
        var run = await CliRun.InProcessAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("IPv4", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x", null)]
    [InlineData("intervl", "--interval")]
    [InlineData("count", "--count")]
    [InlineData("zzzzzzz", null)]
    public void Closest_OnlyWhenItLooksLikeATypo(string word, string? expected) =>
        Assert.Equal(expected, UnknownOptions.Closest("--" + word, ["--interval", "-i", "--count", "-c", "--json", "-j"]));

    [Theory]
    [InlineData("worker", "--vantage", "x", "--longitude", "-122.42", "--asn", "-5")]
    [InlineData("probe", "127.0.0.1", "--count", "-1")]
    public async Task NegativeNumber_IsAValueNotAnUnknownOption(params string[] args)
    {
        var run = await CliRun.InProcessAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("unknown option", run.Error, StringComparison.Ordinal);
    }
}
