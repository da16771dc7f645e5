using System.Text.Json;

using Monitor.Testing;

namespace Monitor.Cli.Tests.Commands;

/// <summary>
/// Spoofed or stray replies are counted per target where a user sees them: each measurement keeps
/// its count, and <c>monitor db stats</c> sums it per vantage point and target.
/// </summary>
public sealed class DiscardedPerTargetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-discarded-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task DbStats_CountsDiscardedRepliesPerTarget()
    {
        // "spoofed" gets a wrong-ID reply, a wrong-question reply and one from another port before each real answer.
        await using var spoofed = FakeDnsServer.Start(q =>
        [
            new FakeReply(DnsMessageBuilder.ResponseTo(q with { Id = (ushort)(q.Id ^ 0xFFFF) }).Txt(q.Name, q.QClass, "spoof").Build()),
            new FakeReply(DnsMessageBuilder.ResponseTo(q with { Name = "hostname.bind" }).Txt("hostname.bind", q.QClass, "spoof").Build()),
            new FakeReply(DnsMessageBuilder.ResponseTo(q).Txt(q.Name, q.QClass, "spoof").Build(), FromOtherPort: true),
            new FakeReply(DnsMessageBuilder.ResponseTo(q).Txt(q.Name, q.QClass, "real").Build()),
        ]);
        await using var clean = FakeDnsServer.Start(q => [new FakeReply(DnsMessageBuilder.ResponseTo(q).Txt(q.Name, q.QClass, "clean").Build())]);
        var config = Path.Combine(_directory, "t.yaml");
        await File.WriteAllTextAsync(config, $"""
            interval: 1s
            timeout: 900ms
            targets:
              - {"{"}id: spoofed, provider: local, address: 127.0.0.1, port: {spoofed.EndPoint.Port}, kind: unicast{"}"}
              - {"{"}id: clean, provider: local, address: 127.0.0.1, port: {clean.EndPoint.Port}, kind: unicast{"}"}
            """, Ct);
        var db = Path.Combine(_directory, "d.db");

        var run = await CliRun.InProcessAsync("run", "--config", config, "--rounds", "2", "--db", db);
        var stats = await CliRun.InProcessAsync("db", "stats", "--db", db, "--json");
        var text = await CliRun.InProcessAsync("db", "stats", "--db", db);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0, stats.ExitCode);
        using var json = JsonDocument.Parse(stats.Output);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("target").GetString()!);
        Assert.Equal(2, rows["spoofed"].GetProperty("answered").GetInt64());
        Assert.Equal(6, rows["spoofed"].GetProperty("discarded").GetInt64());
        Assert.Equal(0, rows["clean"].GetProperty("discarded").GetInt64());
        Assert.Contains(text.OutputLines, l => l.Contains("discarded", StringComparison.Ordinal));
        Assert.Contains(text.OutputLines, l => l.StartsWith("local", StringComparison.Ordinal) && l.Contains("spoofed", StringComparison.Ordinal) && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[4] == "6");
    }
}
