using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

using Monitor.Core.Domain;
using Monitor.Probing;
using Monitor.Testing;

namespace Monitor.Bench;

/// <summary>
/// What each transport adds to the RTT on loopback (issue 20), Monitor next to kdig in one run,
/// against one real Unbound (UDP/TCP, DoT and DoH on 127.0.0.1, its local data): for every transport,
/// Monitor with a fresh connection per probe (connect, TLS handshake and query RTT apart) and with a
/// kept connection (steady-state RTT), and kdig (knot-dnsutils) with a connection per query and with
/// <c>+keepopen</c>. kdig's time of a TLS or HTTPS query on a new connection includes its handshake;
/// with <c>+keepopen</c> the later queries are steady state. Both validate the certificate against
/// the bench's own CA. Sequential probes with a pause between them, bounded in count and time.
/// </summary>
internal sealed partial class TransportBench(BenchSettings settings, ResultTable results)
{
    private const string KdigPath = "/usr/bin/kdig";
    private static readonly DnsQuestion Question = new(UnboundServer.Zone, DnsClasses.IN, DnsTypes.A);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var certificates = TestCertificates.Create();
        using var unbound = UnboundServer.Start("bench-unbound", "bench-nsid", certificates);
        await using var prober = new DnsProber(TimeProvider.System, new DnsProberOptions { TrustedRoots = certificates.Roots });
        await prober.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        results.Note($"transports: {settings.TransportProbes} probes per mode against Unbound on 127.0.0.1 ({Question.Name} A, identity off), {settings.TransportPause.TotalMilliseconds:0} ms apart; medians (p50) in µs; kdig's resolution is 0.1 ms");

        var udp = await MonitorAsync(prober, unbound, certificates, Transport.Udp, ConnectionMode.Fresh, cancellationToken).ConfigureAwait(false);
        var udpRtt = Median(udp.Select(m => m.Rtt));
        results.Add("transports", "Monitor UDP: p50 RTT", Us(udpRtt));
        var kdigUdp = await KdigAsync(unbound, certificates, Transport.Udp, keepOpen: false, cancellationToken).ConfigureAwait(false);
        var kdigUdpRtt = Median(kdigUdp);
        if (kdigUdp.Length > 0)
        {
            results.Add("transports", "kdig UDP: p50 RTT", Us(kdigUdpRtt));
        }

        foreach (var transport in new[] { Transport.Tcp, Transport.Tls, Transport.Https })
        {
            var name = transport.ToString().ToUpperInvariant();
            var fresh = await MonitorAsync(prober, unbound, certificates, transport, ConnectionMode.Fresh, cancellationToken).ConfigureAwait(false);
            var kept = await MonitorAsync(prober, unbound, certificates, transport, ConnectionMode.Kept, cancellationToken).ConfigureAwait(false);
            var freshRtt = Median(fresh.Select(m => m.Rtt));
            var connect = Median(fresh.Select(m => m.ConnectTime));
            var tls = Median(fresh.Select(m => m.TlsTime));
            var total = Median(fresh.Select(m => m.Rtt + m.ConnectTime + (m.TlsTime ?? TimeSpan.Zero)));
            var keptRtt = Median(kept.Where(m => m.ConnectTime is null).Select(m => m.Rtt));
            var parts = transport == Transport.Tcp ? $"connect {Us(connect)}" : $"connect {Us(connect)}, TLS {Us(tls)}";
            results.Add("transports", $"Monitor {name} fresh: p50 query RTT ({parts})", Us(freshRtt) + $" (+{Us(freshRtt - udpRtt)} over UDP)");
            results.Add("transports", $"Monitor {name} fresh: p50 connect + TLS + query", Us(total) + $" (+{Us(total - udpRtt)} over UDP)");
            results.Add("transports", $"Monitor {name} kept: p50 RTT ({kept.Sum(m => m.Reconnects ?? 0)} reconnects)", Us(keptRtt) + $" (+{Us(keptRtt - udpRtt)} over UDP)");

            var kdigFresh = await KdigAsync(unbound, certificates, transport, keepOpen: false, cancellationToken).ConfigureAwait(false);
            var kdigKept = await KdigAsync(unbound, certificates, transport, keepOpen: true, cancellationToken).ConfigureAwait(false);
            if (kdigFresh.Length > 0)
            {
                var label = transport == Transport.Tcp ? "new connection each" : "new connection each, handshake included";
                results.Add("transports", $"kdig {name} ({label}): p50", Us(Median(kdigFresh)) + $" (+{Us(Median(kdigFresh) - kdigUdpRtt)} over kdig UDP)");
            }

            if (kdigKept.Length > 1)
            {
                // The first query of +keepopen opens the connection: steady state is the rest.
                var steady = Median(kdigKept.Skip(1));
                results.Add("transports", $"kdig {name} +keepopen: p50 RTT", Us(steady) + $" (+{Us(steady - kdigUdpRtt)} over kdig UDP)");
            }
        }
    }

    private async Task<List<Measurement>> MonitorAsync(
        DnsProber prober, UnboundServer unbound, TestCertificates certificates, Transport transport, ConnectionMode mode, CancellationToken cancellationToken)
    {
        var target = new Target($"bench-{transport}-{mode}", IPAddress.Loopback)
        {
            Port = transport switch { Transport.Tls => unbound.TlsPort, Transport.Https => unbound.HttpsPort, _ => unbound.Port },
            Transport = transport,
            Connection = mode,
            TlsName = certificates.Name,
            Query = Question,
            Identity = IdentityMethods.None,
            Timeout = TimeSpan.FromSeconds(2),
        };

        // One probe first, not counted: the first TLS and HTTP exchanges in the process carry JIT.
        await prober.ProbeAsync(target, "bench", cancellationToken).ConfigureAwait(false);
        var measurements = new List<Measurement>(settings.TransportProbes);
        var deadline = DateTime.UtcNow + settings.TransportPhaseLimit;
        for (var i = 0; i < settings.TransportProbes && DateTime.UtcNow < deadline; i++)
        {
            var m = await prober.ProbeAsync(target, "bench", cancellationToken).ConfigureAwait(false);
            if (m.IsAnswered)
            {
                measurements.Add(m);
            }

            await Task.Delay(settings.TransportPause, cancellationToken).ConfigureAwait(false);
        }

        if (measurements.Count < settings.TransportProbes)
        {
            results.Note($"transports: Monitor {transport} {mode}: {measurements.Count} of {settings.TransportProbes} probes answered in time");
        }

        return measurements;
    }

    /// <summary>kdig's own times (ms → µs), one kdig process asking the questions one after another.</summary>
    private async Task<double[]> KdigAsync(UnboundServer unbound, TestCertificates certificates, Transport transport, bool keepOpen, CancellationToken cancellationToken)
    {
        if (!File.Exists(KdigPath))
        {
            results.Note("kdig is not installed (Debian knot-dnsutils): no peer figures");
            return [];
        }

        var ca = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(ca, certificates.Root.ExportCertificatePem() + "\n", cancellationToken).ConfigureAwait(false);
            var port = transport switch { Transport.Tls => unbound.TlsPort, Transport.Https => unbound.HttpsPort, _ => unbound.Port };
            List<string> args = ["@127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "+noall", "+stats", "+timeout=2", "+retry=0"];
            args.AddRange(transport switch
            {
                Transport.Tcp => ["+tcp"],
                Transport.Tls => ["+tls", "+tls-ca=" + ca, "+tls-hostname=" + certificates.Name],
                Transport.Https => ["+https=/dns-query", "+tls-ca=" + ca, "+tls-hostname=" + certificates.Name],
                _ => ["+notcp"],
            });
            if (keepOpen)
            {
                args.Add("+keepopen");
            }

            var count = Math.Min(settings.TransportProbes, 100);
            for (var i = 0; i < count; i++)
            {
                args.AddRange([Question.Name, "A"]);
            }

            var run = await ChildProcess.RunAsync(KdigPath, args, TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            double[] times = [.. KdigTimePattern().Matches(run.Output).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 1000)];
            if (times.Length < count)
            {
                results.Note($"transports: kdig {transport}{(keepOpen ? " +keepopen" : string.Empty)}: {times.Length} of {count} answered");
            }

            return times;
        }
        finally
        {
            File.Delete(ca);
        }
    }

    private static double Median(IEnumerable<TimeSpan?> values) => Median(values.Where(v => v is not null).Select(v => v!.Value.TotalMicroseconds));

    private static double Median(IEnumerable<double> values) => Stats.Percentile(Stats.Sorted(values), 50);

    private static string Us(double microseconds) => double.IsNaN(microseconds) ? "n/a" : ResultTable.Format(microseconds, "0") + " µs";

    [GeneratedRegex(@";; From .*? in ([0-9.]+) ms")]
    private static partial Regex KdigTimePattern();
}
