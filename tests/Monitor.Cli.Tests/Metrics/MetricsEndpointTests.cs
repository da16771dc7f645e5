using Monitor.Cli.Metrics;

namespace Monitor.Cli.Tests.Metrics;

/// <summary><c>--metrics ADDR:PORT</c>.</summary>
public sealed class MetricsEndpointTests
{
    [Theory]
    [InlineData("9464", "127.0.0.1:9464", "http://127.0.0.1:9464/metrics")]
    [InlineData("127.0.0.1:9464", "127.0.0.1:9464", "http://127.0.0.1:9464/metrics")]
    [InlineData("0.0.0.0:1", "0.0.0.0:1", "http://0.0.0.0:1/metrics")]
    [InlineData("[::1]:9464", "[::1]:9464", "http://[::1]:9464/metrics")]
    [InlineData(" 65535 ", "127.0.0.1:65535", "http://127.0.0.1:65535/metrics")]
    public void TryParse_Valid_ListensThere(string text, string endpoint, string url)
    {
        Assert.True(MetricsEndpoint.TryParse(text, out var parsed, out var error), error);
        Assert.Equal((endpoint, url), (parsed.ToString(), parsed.Url.ToString()));
    }

    [Theory]
    [InlineData("0", "'0' is not a port (1 to 65535)")]
    [InlineData("70000", "'70000' is not a port (1 to 65535)")]
    [InlineData("127.0.0.1", "'127.0.0.1' names no port; write ADDR:PORT, e.g. 127.0.0.1:9464")]
    [InlineData("localhost:9464", "'localhost:9464' is not an IPv4 or IPv6 address; write PORT, ADDR:PORT or [IPv6]:PORT, e.g. 9464 or 127.0.0.1:9464")]
    [InlineData("127.0.0.1:x", "'127.0.0.1:x' has a bad port 'x'; a port is 1 to 65535; write PORT, ADDR:PORT or [IPv6]:PORT, e.g. 9464 or 127.0.0.1:9464")]
    public void TryParse_Invalid_SaysWhy(string text, string message)
    {
        Assert.False(MetricsEndpoint.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("run", "--config x.yaml")]
    [InlineData("worker", "--vantage v --db x.db")]
    public async Task Metrics_BadValue_ExitsTwoWithOneLine(string command, string others)
    {
        var run = await CliRun.InProcessAsync([command, .. others.Split(' '), "--metrics", "nine"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"monitor {command}: --metrics: 'nine' is not an IPv4 or IPv6 address; write PORT, ADDR:PORT or [IPv6]:PORT, e.g. 9464 or 127.0.0.1:9464 (see 'monitor {command} --help')", Assert.Single(run.ErrorLines));
    }
}
