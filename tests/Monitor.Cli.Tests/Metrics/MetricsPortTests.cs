using System.Net;
using System.Net.Sockets;

using Monitor.Testing;

namespace Monitor.Cli.Tests.Metrics;

/// <summary>Metrics never stop probing: a port that cannot be listened on is a warning, and the rounds run.</summary>
public sealed class MetricsPortTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-metrics-port-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_MetricsPortTaken_WarnsAndRunsEveryRound()
    {
        await using var server = LoopbackTargets.Answering("ams1");
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var config = LoopbackTargets.Write(_directory, null, [("answering", server.EndPoint.Port)]);

        var run = await CliRun.InProcessAsync("run", "--config", config, "--db", Path.Combine(_directory, "p.db"), "--rounds", "2", "--metrics", $"127.0.0.1:{port}");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.OutputLines, l => l.StartsWith($"warning: --metrics: cannot listen on 127.0.0.1:{port} (", StringComparison.Ordinal) && l.EndsWith("); probing goes on without metrics", StringComparison.Ordinal));
        Assert.Contains("done: 2 round(s), all stored", run.OutputLines);
        Assert.Equal(2, run.OutputLines.Count(l => l.Contains("1/1 answered", StringComparison.Ordinal)));
    }
}
