using System.CommandLine;
using System.Text.Json;

using Monitor.Testing;

namespace Monitor.Cli.Tests.Commands;

/// <summary>
/// dnsping's short flags on <c>monitor probe</c>: <c>-c</c> count, <c>-i</c> interval, <c>-w</c>
/// timeout, <c>-p</c> port, <c>-T</c> TCP, <c>-j</c> JSON, <c>-q</c> quiet; each means exactly what
/// its long name does, and the long names still work.
/// </summary>
public sealed class ProbeShortFlagsTests : IClassFixture<ProbeShortFlagsTests.Nsd>
{
    private readonly Nsd _nsd;

    public ProbeShortFlagsTests(Nsd nsd) => _nsd = nsd;

    [Theory]
    [InlineData("-c", "--count", "3")]
    [InlineData("-i", "--interval", "250ms")]
    [InlineData("-w", "--timeout", "700ms")]
    [InlineData("-p", "--port", "5353")]
    [InlineData("-T", "--tcp", null)]
    [InlineData("-j", "--json", null)]
    [InlineData("-q", "--quiet", null)]
    public void ShortFlag_ParsesAsItsLongName(string shortName, string longName, string? value)
    {
        var root = MonitorApp.Build(TimeProvider.System);
        var option = root.Subcommands.Single(c => c.Name == "probe").Options.Single(o => o.Name == longName);
        string[] tail = value is null ? [] : [value];

        var viaShort = root.Parse(["probe", "127.0.0.1", shortName, .. tail]);
        var viaLong = root.Parse(["probe", "127.0.0.1", longName, .. tail]);

        Assert.Empty(viaShort.Errors);
        Assert.Empty(viaLong.Errors);
        Assert.Contains(shortName, option.Aliases);
        Assert.False(viaShort.GetResult(option)!.Implicit);
        Assert.Equal(viaLong.GetResult(option)!.GetValueOrDefault<object>(), viaShort.GetResult(option)!.GetValueOrDefault<object>());
        Assert.NotEqual(option.HasDefaultValue ? option.GetDefaultValue() : null, viaShort.GetResult(option)!.GetValueOrDefault<object>());
    }

    [Fact]
    public async Task ShortFlags_RealNsd_CountPortTcpJson()
    {
        var run = await CliRun.InProcessAsync("probe", "127.0.0.1", "-p", _nsd.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "2", "-i", "50ms", "-w", "1s", "-T", "-j");

        Assert.Equal(0, run.ExitCode);
        var lines = run.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var probes = lines.Where(l => l.GetProperty("type").GetString() == "probe").ToList();
        Assert.Equal(2, probes.Count);
        Assert.All(probes, p =>
        {
            Assert.Equal(_nsd.Server.Identity, p.GetProperty("id_server").GetString());
            Assert.Equal("tcp", p.GetProperty("transport").GetString());
        });
    }

    [Fact]
    public async Task Quiet_RealNsd_SummaryOnly()
    {
        var target = $"127.0.0.1:{_nsd.Server.Port}";

        var loud = await CliRun.InProcessAsync("probe", target, "-c", "3", "-i", "20ms");
        var quiet = await CliRun.InProcessAsync("probe", target, "-c", "3", "-i", "20ms", "-q");

        static int ProbeLines(CliRun run) => run.OutputLines.Count(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var seq, ..] && int.TryParse(seq, out _));
        Assert.Equal(0, quiet.ExitCode);
        Assert.Equal(3, ProbeLines(loud));
        Assert.Equal(0, ProbeLines(quiet));
        Assert.Contains(quiet.OutputLines, l => l.StartsWith("--- summary", StringComparison.Ordinal));
        Assert.Contains($"id.server={_nsd.Server.Identity}", quiet.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuietJson_RealNsd_OnlySummaryObjects()
    {
        var run = await CliRun.InProcessAsync("probe", $"127.0.0.1:{_nsd.Server.Port}", "-c", "2", "-i", "20ms", "-j", "-q");

        Assert.Equal(0, run.ExitCode);
        var types = run.OutputLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToList();
        Assert.DoesNotContain("probe", types);
        Assert.Contains("summary", types);
    }

    public sealed class Nsd() : NsdFixture("nsd-short-flags", "nsid-short-flags");
}
