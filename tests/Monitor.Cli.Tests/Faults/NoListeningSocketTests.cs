using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Monitor.Cli.Tests.Faults;

/// <summary>
/// Access: Monitor has no HTTP surface (no dashboard, API or metrics endpoint), so there is nothing
/// to bind or protect. This keeps it so: the long-running commands own no listening TCP socket on
/// any address but loopback, and on loopback only the start-up warm-up reflector for a moment
/// (read from <c>/proc/PID/fd</c> and <c>/proc/net/tcp{,6}</c>).
/// </summary>
public sealed class NoListeningSocketTests : IDisposable
{
    private const string LoopbackV4 = "0100007F:";
    private const string LoopbackV6 = "00000000000000000000000001000000:";
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-listen-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void ListeningInodes_FindsAListenerOfThisProcess()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        Assert.NotEmpty(ListeningSocketsOf(Environment.ProcessId));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("worker")]
    [InlineData("server")]
    public async Task LongRunningCommand_OpensNoListeningTcpSocket(string command)
    {
        var config = Path.Combine(_directory, "t.yaml");
        await File.WriteAllTextAsync(config, "interval: 1s\ntimeout: 300ms\ntargets:\n  - {id: t, provider: P, address: 127.0.0.1, port: 9, kind: unicast}\n", Ct);
        var db = Path.Combine(_directory, $"{command}.db");
        string[] args = command switch
        {
            "run" => ["run", "--config", config, "--db", db, "--duration", "6s"],
            "worker" => ["worker", "--vantage", "x", "--db", db, "--duration", "6s", "--spool", Path.Combine(_directory, "spool")],
            _ => ["server", "--config", config, "--db", db, "--duration", "6s"],
        };
        using var process = CliRun.Start(args);
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);

        // Look every half second while it runs (start-up, then rounds), until it ends.
        var samples = new List<List<string>>();
        for (var i = 0; i < 60 && !process.HasExited; i++)
        {
            await Task.Delay(500, Ct);
            try
            {
                samples.Add(ListeningSocketsOf(process.Id));
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or IOException && process.HasExited)
            {
                break;
            }
        }

        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode is 0 or 1, $"{command} failed: {await error}");
        Assert.True(samples.Count >= 6, $"only {samples.Count} samples");
        Assert.All(samples.SelectMany(s => s), l => Assert.True(l.StartsWith(LoopbackV4, StringComparison.Ordinal) || l.StartsWith(LoopbackV6, StringComparison.Ordinal), l));

        // The warm-up reflector is gone once start-up is over (how long that takes depends on the machine's load).
        Assert.Empty(samples.TakeLast(3).SelectMany(s => s));
        _ = await output;
    }

    /// <summary>The local addresses of TCP sockets in LISTEN state that <paramref name="pid"/> holds.</summary>
    private static List<string> ListeningSocketsOf(int pid)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in Directory.EnumerateFiles($"/proc/{pid}/fd"))
        {
            try
            {
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
                {
                    inodes.Add(target["socket:[".Length..^1]);
                }
            }
            catch (IOException)
            {
                // closed meanwhile
            }
        }

        var listening = new List<string>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == "0A" && inodes.Contains(fields[9]))
                {
                    listening.Add(string.Create(CultureInfo.InvariantCulture, $"{fields[1]} (inode {fields[9]})"));
                }
            }
        }

        return listening;
    }
}
