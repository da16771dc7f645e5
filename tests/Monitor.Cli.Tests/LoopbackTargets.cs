using Monitor.Testing;

namespace Monitor.Cli.Tests;

/// <summary>In-process DNS responders on 127.0.0.1 and target sets that probe them every second.</summary>
internal static class LoopbackTargets
{
    /// <summary>A responder that answers every query with <paramref name="identity"/> as its <c>id.server</c> TXT.</summary>
    public static FakeDnsServer Answering(string identity) =>
        FakeDnsServer.Start(q => [new FakeReply(DnsMessageBuilder.ResponseTo(q).Txt(q.Name, q.QClass, identity).Build())]);

    /// <summary>Writes <c>DIRECTORY/targets.yaml</c>: interval 1s, timeout 400ms, each target on 127.0.0.1 asking <c>id.server</c>; <paramref name="more"/> is appended (an alerts block).</summary>
    public static string Write(string directory, string? vantage, IReadOnlyList<(string Id, int Port)> targets, string more = "")
    {
        var path = Path.Combine(directory, "targets.yaml");
        var lines = new List<string> { "interval: 1s", "timeout: 400ms" };
        if (vantage is not null)
        {
            lines.AddRange(["vantage:", $"  id: {vantage}"]);
        }

        lines.Add("targets:");
        foreach (var (id, port) in targets)
        {
            lines.AddRange([$"  - id: {id}", "    provider: local", "    address: 127.0.0.1", $"    port: {port}", "    kind: unicast", "    identity: [id.server]"]);
        }

        File.WriteAllText(path, string.Join('\n', lines) + "\n" + more);
        return path;
    }
}
