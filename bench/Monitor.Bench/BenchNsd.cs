using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

using Monitor.Testing;

namespace Monitor.Bench;

/// <summary>
/// A real NSD on 127.0.0.1 serving the zone <c>bench.test</c> (so that dnsperf and Monitor both ask
/// <c>www.bench.test A</c> and get a real answer), rate limiting off, one server process.
/// </summary>
internal sealed class BenchNsd : IDisposable
{
    public const string Zone = "bench.test";
    public const string QueryName = "www.bench.test";
    private const string NsdPath = "/usr/sbin/nsd";
    private readonly string _directory;
    private readonly Process _process;

    private BenchNsd(string directory, Process process, int port)
    {
        _directory = directory;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public int ProcessId => _process.Id;

    public static BenchNsd Start()
    {
        if (!File.Exists(NsdPath))
        {
            throw new InvalidOperationException("NSD is not installed (apt-get install nsd)");
        }

        var directory = Directory.CreateTempSubdirectory("monitor-bench-nsd-").FullName;
        File.WriteAllText(Path.Combine(directory, "bench.test.zone"), """
            $ORIGIN bench.test.
            $TTL 3600
            @    IN SOA ns1 hostmaster 1 7200 3600 1209600 3600
            @    IN NS  ns1
            ns1  IN A   127.0.0.1
            www  IN A   192.0.2.1

            """);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = NsdServer.FreePort();
            File.WriteAllText(Path.Combine(directory, "nsd.conf"), $"""
                server:
                  ip-address: 127.0.0.1@{port}
                  identity: "bench1"
                  nsid: "ascii_bench1"
                  hide-identity: no
                  pidfile: "{directory}/nsd.pid"
                  xfrdfile: "{directory}/xfrd.state"
                  zonelistfile: "{directory}/zone.list"
                  logfile: "{directory}/nsd.log"
                  zonesdir: "{directory}"
                  database: ""
                  username: ""
                  chroot: ""
                  server-count: 1
                  rrl-ratelimit: 0
                  verbosity: 1
                remote-control:
                  control-enable: no
                zone:
                  name: "{Zone}"
                  zonefile: "bench.test.zone"
                """);
            var process = Process.Start(new ProcessStartInfo(NsdPath, ["-d", "-c", Path.Combine(directory, "nsd.conf")]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (WaitUntilListening(process, port))
            {
                return new BenchNsd(directory, process, port);
            }

            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }

            process.Dispose();
        }

        throw new InvalidOperationException("NSD did not start: " + (File.Exists(Path.Combine(directory, "nsd.log")) ? File.ReadAllText(Path.Combine(directory, "nsd.log")) : "(no log)"));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static bool WaitUntilListening(Process process, int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var tcp = new TcpClient();
                tcp.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        return false;
    }
}
