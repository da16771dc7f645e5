using System.Text.Json;

using Monitor.Testing;

namespace Monitor.Cli.Tests.Commands;

/// <summary>
/// <c>monitor probe --transport tls|https</c> against a real Unbound with DoT and DoH on loopback
/// (issue 20's done-when), the DNSSEC and EDNS options, and the options' bad-input errors.
/// </summary>
public sealed class ProbeTransportTests : IClassFixture<ProbeTransportTests.Unbound>
{
    private readonly Unbound _unbound;

    public ProbeTransportTests(Unbound unbound) => _unbound = unbound;

    [Theory]
    [InlineData("tls")]
    [InlineData("https")]
    public async Task Probe_TlsInsecure_PrintsRttRcodeIdentityAndTimings(string transport)
    {
        var server = _unbound.Server;
        var port = transport == "tls" ? server.TlsPort : server.HttpsPort;
        string[] args = transport == "tls"
            ? ["probe", $"127.0.0.1:{port}", "--transport", "tls", "--tls-insecure", "--count", "2", "--interval", "50ms"]
            : ["probe", $"127.0.0.1:{port}", "--transport", "https", "--url", $"https://127.0.0.1:{port}/dns-query", "--tls-insecure", "--count", "2", "--interval", "50ms"];

        var run = await CliRun.InProcessAsync(args);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Contains($"over {transport.ToUpperInvariant()}", run.OutputLines[0], StringComparison.Ordinal);
        var probes = run.OutputLines.Where(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var seq, ..] && int.TryParse(seq, out _)).ToList();
        Assert.Equal(2, probes.Count);
        Assert.All(probes, l =>
        {
            Assert.Matches(@"\d+\.\d{3} ms  NOERROR", l);
            Assert.Contains($"id.server={server.Identity} nsid={server.Nsid}", l, StringComparison.Ordinal);
            Assert.Matches(@"connect \d+\.\d{3} ms, tls \d+\.\d{3} ms", l);
        });
    }

    [Theory]
    [InlineData("tls", "fresh")]
    [InlineData("tls", "kept")]
    [InlineData("https", "fresh")]
    [InlineData("https", "kept")]
    public async Task Probe_Json_CarriesTransportConnectionAndTimings(string transport, string connection)
    {
        var server = _unbound.Server;
        var port = transport == "tls" ? server.TlsPort : server.HttpsPort;

        var run = await CliRun.InProcessAsync(
            "probe", $"[::1]:{port}", "--transport", transport, "--tls-insecure", "--connection", connection, "--count", "3", "--interval", "20ms", "--json");

        Assert.Equal(0, run.ExitCode);
        var probes = run.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).Where(l => l.GetProperty("type").GetString() == "probe").ToList();
        Assert.Equal(3, probes.Count);
        for (var i = 0; i < probes.Count; i++)
        {
            var p = probes[i];
            Assert.Equal("answered", p.GetProperty("outcome").GetString());
            Assert.Equal(transport, p.GetProperty("transport").GetString());
            Assert.Equal(connection, p.GetProperty("connection").GetString());
            Assert.Equal("::1", p.GetProperty("address").GetString());
            Assert.Equal(server.Identity, p.GetProperty("id_server").GetString());
            var opened = connection == "fresh" || i == 0;
            Assert.Equal(opened ? JsonValueKind.Number : JsonValueKind.Null, p.GetProperty("connect_ms").ValueKind);
            Assert.Equal(opened ? JsonValueKind.Number : JsonValueKind.Null, p.GetProperty("tls_ms").ValueKind);
            Assert.Equal(connection == "kept" ? JsonValueKind.Number : JsonValueKind.Null, p.GetProperty("reconnects").ValueKind);
        }
    }

    [Fact]
    public async Task Probe_WithoutInsecureAndUnknownCa_IsNetworkErrorExit1()
    {
        var run = await CliRun.InProcessAsync("probe", $"127.0.0.1:{_unbound.Server.TlsPort}", "--transport", "tls", "--count", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("network_error", run.Output, StringComparison.Ordinal);
        Assert.Contains("TLS certificate not accepted", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_SoaWithDnssec_ShowsSerialAndFlags()
    {
        var run = await CliRun.InProcessAsync(
            "probe", $"127.0.0.1:{_unbound.Server.Port}", "--qname", UnboundServer.Zone, "--qclass", "IN", "--qtype", "SOA", "--dnssec", "--edns-size", "4096", "--count", "1", "--json");

        Assert.Equal(0, run.ExitCode);
        var probe = JsonDocument.Parse(run.OutputLines[0]).RootElement;
        Assert.Equal("udp", probe.GetProperty("transport").GetString());
        Assert.Equal(UnboundServer.ZoneSerial, probe.GetProperty("soa_serial").GetUInt32());
        Assert.False(probe.GetProperty("ad").GetBoolean());
        Assert.False(probe.GetProperty("rrsig").GetBoolean());
        Assert.Equal(JsonValueKind.Null, probe.GetProperty("connection").ValueKind);
    }

    [Fact]
    public async Task Probe_Localhost_IsResolvedAndItsAddressShown()
    {
        // localhost comes from /etc/hosts: no packet leaves the machine.
        var run = await CliRun.InProcessAsync("probe", $"localhost:{_unbound.Server.Port}", "--count", "1", "--json");

        Assert.Equal(0, run.ExitCode);
        var probe = JsonDocument.Parse(run.OutputLines[0]).RootElement;
        Assert.Equal($"localhost:{_unbound.Server.Port}", probe.GetProperty("target").GetString());
        Assert.True(System.Net.IPAddress.IsLoopback(System.Net.IPAddress.Parse(probe.GetProperty("address").GetString()!)));
    }

    [Theory]
    [InlineData("--transport", "quic", "--transport: 'quic' is not udp, tcp, tls or https")]
    [InlineData("--tcp", "--transport", "tls", "--tcp and --transport tls contradict each other")]
    [InlineData("--tls-insecure", "--tls-name and --tls-insecure need --transport tls or https")]
    [InlineData("--transport", "tls", "--url", "https://x.test/dns-query", "--url, --doh-method and --http-version need --transport https")]
    [InlineData("--transport", "https", "--url", "http://x.test/", "--url: 'http://x.test/' is not an https URL")]
    [InlineData("--connection", "kept", "--connection needs --transport tcp, tls or https")]
    [InlineData("--no-edns", "--dnssec", "--no-edns cannot go with --dnssec or --edns-size")]
    [InlineData("--edns-size", "511", "--edns-size must be 512 to 65535")]
    public async Task Probe_BadTransportOptions_OneLineExit2(params string[] argsAndMessage)
    {
        string[] args = ["probe", "127.0.0.1:53", .. argsAndMessage[..^1]];

        var run = await CliRun.InProcessAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(argsAndMessage[^1], run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    public sealed class Unbound() : UnboundFixture("cli-unbound", "cli-nsid");
}
