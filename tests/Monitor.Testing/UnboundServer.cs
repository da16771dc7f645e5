using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Monitor.Testing;

/// <summary>
/// A real Unbound (Debian package unbound) on 127.0.0.1 and ::1: DNS over UDP and TCP on
/// <see cref="Port"/>, DNS over TLS on <see cref="TlsPort"/> and DNS over HTTPS (HTTP/2, path
/// <c>/dns-query</c>) on <see cref="HttpsPort"/>, with a test certificate. It answers
/// <c>id.server</c>/<c>hostname.bind</c> with its identity, sends NSID, serves the local data it is
/// given and refuses everything else (<c>local-zone: "." refuse</c>); any query it would send could
/// leave only from 127.0.0.1 or ::1 (<c>outgoing-interface</c>), so none can reach another host.
/// Given a <see cref="SignedZone"/>, it validates: the zone is its own upstream (an
/// <c>auth-zone</c> for upstream only), its DS the trust anchor, and answers from it carry AD.
/// Each instance has its own directory, no chroot, no user switch, no control socket.
/// </summary>
public sealed class UnboundServer : IDisposable
{
    private const string UnboundPath = "/usr/sbin/unbound";
    private readonly string _directory;
    private readonly Process _process;

    private UnboundServer(string directory, Process process, int port, int tlsPort, int httpsPort, string identity, string nsid)
    {
        _directory = directory;
        _process = process;
        Port = port;
        TlsPort = tlsPort;
        HttpsPort = httpsPort;
        Identity = identity;
        Nsid = nsid;
    }

    /// <summary>The zone Unbound serves by default: <c>example.test</c> with an A and an SOA record.</summary>
    public const string Zone = "example.test";

    /// <summary>The A record of <see cref="Zone"/>.</summary>
    public static IPAddress ZoneAddress { get; } = IPAddress.Parse("192.0.2.7");

    /// <summary>The SOA serial of <see cref="Zone"/>.</summary>
    public const uint ZoneSerial = 2026120101;

    /// <summary>UDP and TCP.</summary>
    public int Port { get; }

    /// <summary>DNS over TLS.</summary>
    public int TlsPort { get; }

    /// <summary>DNS over HTTPS.</summary>
    public int HttpsPort { get; }

    /// <summary>The identity given for id.server and hostname.bind.</summary>
    public string Identity { get; }

    /// <summary>The NSID sent.</summary>
    public string Nsid { get; }

    /// <summary>127.0.0.1 and the UDP/TCP port.</summary>
    public IPEndPoint V4Udp => new(IPAddress.Loopback, Port);

    /// <summary>The DoH URL at <paramref name="address"/>.</summary>
    public Uri DohUrl(IPAddress address) => new UriBuilder(Uri.UriSchemeHttps, address.ToString(), HttpsPort, "/dns-query").Uri;

    /// <summary>
    /// Starts Unbound and waits until every port answers; skips (or fails under CI) when Unbound is not installed.
    /// </summary>
    /// <param name="identity">The identity.</param>
    /// <param name="nsid">The NSID (ASCII).</param>
    /// <param name="certificates">The certificate of the TLS and HTTPS ports.</param>
    /// <param name="tcpIdleTimeout">How long Unbound keeps an idle TCP/TLS connection (its default is 30 s).</param>
    /// <param name="signedZone">A signed zone to serve through the validator, or null for no validation.</param>
    public static UnboundServer Start(string identity, string nsid, TestCertificates certificates, TimeSpan? tcpIdleTimeout = null, SignedZone? signedZone = null)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        Requires.Executable(UnboundPath, "unbound");
        var directory = Directory.CreateTempSubdirectory("monitor-unbound-").FullName;
        var (chain, key) = certificates.WritePem(directory);
        var idle = (int)(tcpIdleTimeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds;
        var modules = signedZone is null ? "iterator" : "validator iterator";
        var validation = signedZone is null ? string.Empty : $"""
              trust-anchor-file: "{signedZone.TrustAnchorFile}"
              local-zone: "{signedZone.Name}." transparent
            auth-zone:
              name: "{signedZone.Name}."
              zonefile: "{signedZone.ZoneFile}"
              for-upstream: yes
              for-downstream: no
              fallback-enabled: no
            """;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = NsdServer.FreePort();
            var tlsPort = NsdServer.FreePort();
            var httpsPort = NsdServer.FreePort();
            if (tlsPort == port || httpsPort == port || httpsPort == tlsPort)
            {
                continue;
            }

            var config = Path.Combine(directory, "unbound.conf");
            File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $"""
                server:
                  interface: 127.0.0.1@{port}
                  interface: ::1@{port}
                  interface: 127.0.0.1@{tlsPort}
                  interface: ::1@{tlsPort}
                  interface: 127.0.0.1@{httpsPort}
                  interface: ::1@{httpsPort}
                  port: {port}
                  tls-port: {tlsPort}
                  https-port: {httpsPort}
                  http-endpoint: "/dns-query"
                  tls-service-key: "{key}"
                  tls-service-pem: "{chain}"
                  tcp-idle-timeout: {idle}
                  do-daemonize: no
                  use-syslog: no
                  logfile: "{directory}/unbound.log"
                  username: ""
                  chroot: ""
                  directory: "{directory}"
                  pidfile: "{directory}/unbound.pid"
                  module-config: "{modules}"
                  outgoing-interface: 127.0.0.1
                  outgoing-interface: ::1
                  hide-identity: no
                  identity: "{identity}"
                  nsid: "ascii_{nsid}"
                  num-threads: 1
                  so-reuseport: no
                  access-control: 127.0.0.0/8 allow
                  access-control: ::1/128 allow
                  local-zone: "." refuse
                  local-zone: "{Zone}." static
                  local-data: "{Zone}. 300 IN A {ZoneAddress}"
                  local-data: "{Zone}. 300 IN SOA ns.{Zone}. hostmaster.{Zone}. {ZoneSerial} 3600 600 86400 300"
                  verbosity: 1
                {validation}
                remote-control:
                  control-enable: no
                """));

            var start = new ProcessStartInfo(UnboundPath, ["-d", "-c", config]) { RedirectStandardOutput = true, RedirectStandardError = true };
            var process = ServerProcess.Start(start);
            if (ServerProcess.WaitUntilListening(process, TimeSpan.FromSeconds(15), port, tlsPort, httpsPort))
            {
                return new UnboundServer(directory, process, port, tlsPort, httpsPort, identity, nsid);
            }

            ServerProcess.Stop(process);
        }

        throw new InvalidOperationException("Unbound did not start: " + ServerProcess.ReadLog(Path.Combine(directory, "unbound.log")));
    }

    public void Dispose() => ServerProcess.StopAndDelete(_process, _directory);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Unbound on ports {Port}/{TlsPort}/{HttpsPort} (identity {Identity}, NSID {Nsid})");
}
