using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Monitor.Testing;

/// <summary>
/// A real NSD (Debian package nsd) on loopback, IPv4 and IPv6, with a chosen identity (answered to
/// <c>id.server</c> and <c>hostname.bind</c>) and NSID. Each instance has its own directory, pidfile,
/// xfrdfile, zonelist and log; no chroot, no user switch, no control socket; rate limiting off.
/// </summary>
public sealed class NsdServer : IDisposable
{
    private const string NsdPath = "/usr/sbin/nsd";
    private readonly string _directory;
    private readonly Process _process;

    private NsdServer(string directory, Process process, int port, string identity, string nsid)
    {
        _directory = directory;
        _process = process;
        Port = port;
        Identity = identity;
        Nsid = nsid;
    }

    /// <summary>The port NSD listens on, at 127.0.0.1 and ::1, UDP and TCP.</summary>
    public int Port { get; }

    /// <summary>The identity NSD gives for id.server and hostname.bind.</summary>
    public string Identity { get; }

    /// <summary>The NSID NSD sends.</summary>
    public string Nsid { get; }

    /// <summary>The NSD process id (for CPU and memory readings).</summary>
    public int ProcessId => _process.Id;

    /// <summary>127.0.0.1 and the port.</summary>
    public IPEndPoint V4 => new(IPAddress.Loopback, Port);

    /// <summary>::1 and the port.</summary>
    public IPEndPoint V6 => new(IPAddress.IPv6Loopback, Port);

    /// <summary>Starts NSD and waits until it answers; skips (or fails under CI) when NSD is not installed.</summary>
    public static NsdServer Start(string identity, string nsid) => Start(identity, nsid, null, null);

    /// <summary>
    /// Starts NSD inside <paramref name="netns"/> (or on the host when null) on <paramref name="fixedPort"/>
    /// (or a free one), its own 127.0.0.1 and ::1, serving <paramref name="zone"/> when given.
    /// </summary>
    /// <param name="identity">The identity.</param>
    /// <param name="nsid">The NSID (ASCII).</param>
    /// <param name="netns">The namespace, or null for the host.</param>
    /// <param name="fixedPort">The port, or null for a free one.</param>
    /// <param name="zone">A zone to serve, or null.</param>
    /// <param name="addresses">
    /// Loopback addresses to listen on instead of 127.0.0.1 and ::1 (e.g. 127.0.0.2 and 127.0.0.3
    /// for two "sites" on one port); on the host only.
    /// </param>
    public static NsdServer Start(string identity, string nsid, NetworkNamespace? netns, int? fixedPort, NsdZone? zone = null, IReadOnlyList<IPAddress>? addresses = null)
    {
        if (addresses is not null && (addresses.Count == 0 || !addresses.All(IPAddress.IsLoopback) || netns is not null))
        {
            throw new ArgumentException("NSD listens on loopback addresses of the host only.", nameof(addresses));
        }

        var listen = addresses ?? [IPAddress.Loopback, IPAddress.IPv6Loopback];
        Requires.Executable(NsdPath, "nsd");
        var directory = Directory.CreateTempSubdirectory("monitor-nsd-").FullName;
        var zoneConfig = string.Empty;
        if (zone is not null)
        {
            File.WriteAllText(Path.Combine(directory, "zone.db"), zone.Text);
            zoneConfig = $"zone:\n  name: \"{zone.Name}\"\n  zonefile: \"zone.db\"\n";
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = fixedPort ?? FreePort();
            File.WriteAllText(Path.Combine(directory, "nsd.conf"), $"""
                server:
                  {string.Join("\n  ", listen.Select(a => $"ip-address: {a}@{port}"))}
                  identity: "{identity}"
                  nsid: "ascii_{nsid}"
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
                {zoneConfig}
                """);

            // -d keeps NSD in the foreground so the process is ours to stop.
            var start = netns is null
                ? new ProcessStartInfo(NsdPath, ["-d", "-c", Path.Combine(directory, "nsd.conf")]) { RedirectStandardOutput = true, RedirectStandardError = true }
                : netns.StartInfo(NsdPath, "-d", "-c", Path.Combine(directory, "nsd.conf"));
            var process = ServerProcess.Start(start);
            if (netns is null ? ServerProcess.WaitUntilListening(process, TimeSpan.FromSeconds(10), listen, port) : WaitForLog(process, Path.Combine(directory, "nsd.log")))
            {
                return new NsdServer(directory, process, port, identity, nsid);
            }

            ServerProcess.Stop(process);
        }

        throw new InvalidOperationException("NSD did not start: " + ServerProcess.ReadLog(Path.Combine(directory, "nsd.log")));
    }

    /// <summary>
    /// Replaces the zone file of the zone this server was started with (same name) and makes NSD
    /// read it (SIGHUP reloads zones changed on disk); a new serial is served once the reload is done.
    /// </summary>
    public void ReplaceZone(NsdZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        File.WriteAllText(Path.Combine(_directory, "zone.db"), zone.Text);
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-HUP", ProcessId.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardError = true })!;
        kill.WaitForExit(5000);
    }

    public void Dispose() => ServerProcess.StopAndDelete(_process, _directory);

    /// <summary>A port free for UDP and TCP on both loopback addresses, at the time of asking.</summary>
    public static int FreePort()
    {
        while (true)
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
            var port = ((IPEndPoint)probe.LocalEndPoint!).Port;
            if (IsFree(AddressFamily.InterNetwork, SocketType.Dgram, port) &&
                IsFree(AddressFamily.InterNetwork, SocketType.Stream, port) &&
                IsFree(AddressFamily.InterNetworkV6, SocketType.Stream, port))
            {
                return port;
            }
        }
    }

    private static bool IsFree(AddressFamily family, SocketType type, int port)
    {
        try
        {
            using var socket = new Socket(family, type, type == SocketType.Dgram ? ProtocolType.Udp : ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool WaitForLog(Process process, string log)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            if (File.Exists(log) && File.ReadAllText(log).Contains("nsd started", StringComparison.Ordinal))
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"NSD on port {Port} (identity {Identity}, NSID {Nsid})");
}
