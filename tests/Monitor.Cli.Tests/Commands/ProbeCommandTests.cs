using System.Text.Json;

using Monitor.Testing;

namespace Monitor.Cli.Tests.Commands;

public sealed class ProbeCommandTests : IClassFixture<ProbeCommandTests.Nsd>
{
    private readonly Nsd _nsd;

    public ProbeCommandTests(Nsd nsd) => _nsd = nsd;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Probe_RealNsd_PrintsIdentityAndNsidOnEveryLineAndInSummary(string address)
    {
        var server = _nsd.Server;
        var target = address.Contains(':', StringComparison.Ordinal) ? $"[{address}]:{server.Port}" : $"{address}:{server.Port}";

        var run = await CliRun.InProcessAsync("probe", target, "--count", "3", "--interval", "50ms");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        var probeLines = run.OutputLines.Where(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var seq, ..] && int.TryParse(seq, out _)).ToList();
        Assert.Equal(3, probeLines.Count);
        Assert.All(probeLines, l =>
        {
            Assert.Contains($"id.server={server.Identity}", l, StringComparison.Ordinal);
            Assert.Contains($"nsid={server.Nsid}", l, StringComparison.Ordinal);
            Assert.Contains("NOERROR", l, StringComparison.Ordinal);
        });
        var summaryStart = Array.FindIndex(run.OutputLines, l => l.StartsWith("--- summary", StringComparison.Ordinal));
        Assert.True(summaryStart > 0);
        var summary = string.Join('\n', run.OutputLines[summaryStart..]);
        Assert.Contains($"id.server={server.Identity} nsid={server.Nsid}", summary, StringComparison.Ordinal);
        Assert.Matches(@$"{System.Text.RegularExpressions.Regex.Escape(target)}\s+3\s+3\s+0\.0\s", summary);
    }

    [Fact]
    public async Task Probe_Json_ParsesAndCarriesIdentityAndNsid()
    {
        var server = _nsd.Server;

        var run = await CliRun.InProcessAsync("probe", $"127.0.0.1:{server.Port}", $"[::1]:{server.Port}", "--count", "2", "--interval", "10ms", "--tcp", "--json");

        Assert.Equal(0, run.ExitCode);
        var lines = run.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var probes = lines.Where(l => l.GetProperty("type").GetString() == "probe").ToList();
        var summaries = lines.Where(l => l.GetProperty("type").GetString() == "summary").ToList();
        Assert.Equal(4, probes.Count);
        Assert.Equal(2, summaries.Count);
        Assert.All(probes, p =>
        {
            Assert.Equal("answered", p.GetProperty("outcome").GetString());
            Assert.Equal(server.Identity, p.GetProperty("id_server").GetString());
            Assert.Equal(server.Nsid, p.GetProperty("nsid").GetString());
            Assert.Equal(Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(server.Nsid)), p.GetProperty("nsid_hex").GetString());
            Assert.True(p.GetProperty("rtt_ms").GetDouble() > 0);
            Assert.EndsWith("Z", p.GetProperty("time").GetString(), StringComparison.Ordinal);
        });
        Assert.All(summaries, s =>
        {
            Assert.Equal(2, s.GetProperty("sent").GetInt32());
            Assert.Equal(2, s.GetProperty("answered").GetInt32());
            Assert.Equal(0, s.GetProperty("loss_pct").GetDouble());
            Assert.True(s.GetProperty("min_ms").GetDouble() <= s.GetProperty("p50_ms").GetDouble());
            Assert.True(s.GetProperty("p50_ms").GetDouble() <= s.GetProperty("max_ms").GetDouble());
            var identity = Assert.Single(s.GetProperty("identities").EnumerateArray().ToList());
            Assert.Equal($"id.server={server.Identity} nsid={server.Nsid}", identity.GetProperty("identity").GetString());
            Assert.Equal(2, identity.GetProperty("count").GetInt32());
        });
    }

    [Fact]
    public async Task Probe_SilentPort_FullLossAndExit1()
    {
        await using var silent = FakeDnsServer.Silent();

        var run = await CliRun.InProcessAsync("probe", $"127.0.0.1:{silent.EndPoint.Port}", "--count", "3", "--timeout", "200ms", "--interval", "10ms", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(3, silent.QueriesReceived);
        var summary = JsonDocument.Parse(run.OutputLines[^1]).RootElement;
        Assert.Equal(100.0, summary.GetProperty("loss_pct").GetDouble());
        Assert.Equal(0, summary.GetProperty("answered").GetInt32());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("p50_ms").ValueKind);
        Assert.Equal(3, run.OutputLines.Count(l => l.Contains("\"outcome\":\"timeout\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Probe_OneAnsweringOneSilent_ComparesBothAndExits0()
    {
        await using var silent = FakeDnsServer.Silent();

        // The timeout is generous: the answering NSD must never miss it, also when the test host is loaded
        // (one CI run saw the first answer take over 200 ms while hundreds of tests ran beside it).
        var run = await CliRun.InProcessAsync("probe", $"127.0.0.1:{_nsd.Server.Port}", $"127.0.0.1:{silent.EndPoint.Port}", "--count", "2", "--timeout", "1500ms", "--interval", "10ms");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.OutputLines, l => l.StartsWith($"127.0.0.1:{silent.EndPoint.Port}", StringComparison.Ordinal) && l.Contains("100.0", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => l.StartsWith($"127.0.0.1:{_nsd.Server.Port}", StringComparison.Ordinal) && l.Contains(" 0.0 ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not an IPv4 or IPv6 address", "probe", "999.1.1.1")]
    [InlineData("not an IPv4 or IPv6 address or a host name", "probe", "example..invalid")]
    [InlineData("--qtype: 'BOGUS'", "probe", "127.0.0.1", "--qtype", "BOGUS")]
    [InlineData("--qclass: 'XX'", "probe", "127.0.0.1", "--qclass", "XX")]
    [InlineData("--count must be 0", "probe", "127.0.0.1", "--count", "-1")]
    [InlineData("--interval", "probe", "127.0.0.1", "--interval", "5x")]
    [InlineData("no unit", "probe", "127.0.0.1", "--timeout", "10")]
    [InlineData("--timeout must be longer than zero", "probe", "127.0.0.1", "--timeout", "0s")]
    [InlineData("--port must be 1 to 65535", "probe", "127.0.0.1", "--port", "0")]
    [InlineData("bad port", "probe", "127.0.0.1:70000")]
    [InlineData("unknown method 'foo'", "probe", "127.0.0.1", "--identity", "foo")]
    [InlineData("--qname", "probe", "127.0.0.1", "--qname", "a..b")]
    [InlineData("without ']'", "probe", "[::1")]
    [InlineData("TARGET", "probe")]
    [InlineData("--bogus", "probe", "127.0.0.1", "--bogus")]
    [InlineData("frobnicate", "frobnicate")]
    public async Task Probe_BadArguments_OneLineAndExit2(string expected, params string[] args)
    {
        var run = await CliRun.InProcessAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_Help_ListsEveryOption()
    {
        var run = await CliRun.InProcessAsync("probe", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--count", "--interval", "--timeout", "--qname", "--qclass", "--qtype", "--tcp", "--identity", "--json", "--port", "--rd" })
        {
            Assert.Contains(option, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Monitor_AsProcess_ExitCodesAndStreams()
    {
        var ok = await CliRun.ProcessAsync("probe", $"127.0.0.1:{_nsd.Server.Port}", "--count", "1", "--json");
        var bad = await CliRun.ProcessAsync("probe", "999.1.1.1");

        Assert.Equal(0, ok.ExitCode);
        Assert.Contains(_nsd.Server.Nsid, ok.Output, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal(string.Empty, bad.Output);
        Assert.Single(bad.ErrorLines);
    }

    public sealed class Nsd() : NsdFixture("nsd-cli-X", "nsid-cli-Y");
}
