using System.Net;
using System.Text;

using Monitor.Core.Domain;

namespace Monitor.Reporting.Tests.Analysis;

/// <summary>
/// A deterministic data set that walks through every finding of the analysis at once: 12 vantage points
/// (two without a position, one with a skewed clock) × 7 targets (anycast, one unicast, an SOA zone, a host
/// name with changing addresses and answers), 240 regular probes a minute apart per series, with shifts,
/// transients, outages, flapping, bursts after losses, site probes, SOA serials lagging on one site, REFUSED
/// and SERVFAIL answers, an event (two vantage points shifting together), empty NSIDs, an unparsed identity and a foreign identity below the physical floor.
/// RTTs are whole microseconds, as the store keeps them.
/// </summary>
internal static class VariedNetwork
{
    public const int Rounds = 240;

    public static DateTimeOffset Start { get; } = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<VantagePoint> Vantages { get; } =
    [
        Vp("vp-ams", "NL", 52.37, 4.90),
        Vp("vp-fra", "DE", 50.11, 8.68),
        Vp("vp-lon", "GB", 51.51, -0.13),
        Vp("vp-nyc", "US", 40.71, -74.01),
        Vp("vp-sfo", "US", 37.77, -122.42),
        Vp("vp-gru", "BR", -23.55, -46.63),
        Vp("vp-sin", "SG", 1.35, 103.82),
        Vp("vp-syd", "AU", -33.87, 151.21),
        Vp("vp-jnb", "ZA", -26.20, 28.05),
        Vp("vp-tyo", "JP", 35.68, 139.69) with { ClockOffset = TimeSpan.FromSeconds(3) },
        new VantagePoint("vp-x1") { Country = "FR" },
        new VantagePoint("vp-x2"),
    ];

    public static IReadOnlyList<Target> Targets { get; } =
    [
        new Target("cloudflare", IPAddress.Parse("1.1.1.1")) { Provider = "Cloudflare" },
        new Target("google", IPAddress.Parse("8.8.8.8")) { Provider = "Google" },
        new Target("quad9", IPAddress.Parse("9.9.9.9")) { Provider = "Quad9" },
        new Target("k-root", IPAddress.Parse("193.0.14.129")) { Provider = "RIPE NCC" },
        new Target("ns-uni", IPAddress.Parse("192.0.2.53")) { Provider = "Example", Kind = TargetKind.Unicast },
        new Target("zone-soa", IPAddress.Parse("198.51.100.1")) { Provider = "Example" },
        new Target("www-host", IPAddress.Parse("203.0.113.10")) { Provider = "Cloudflare" },
    ];

    private static readonly string[] Airports = ["AMS", "FRA", "LHR", "JFK", "SJC", "GRU", "SIN", "SYD", "JNB", "NRT", "CDG", "MIA"];

    /// <summary>Every measurement, in series order (vantage point, target, time).</summary>
    public static List<Measurement> Build()
    {
        var random = new Random(20261130);
        var all = new List<Measurement>();
        for (var v = 0; v < Vantages.Count; v++)
        {
            for (var t = 0; t < Targets.Count; t++)
            {
                all.AddRange(Series(random, v, t));
            }
        }

        return [.. all.OrderBy(m => m.VantageId, StringComparer.Ordinal).ThenBy(m => m.TargetId, StringComparer.Ordinal).ThenBy(m => m.Started)];
    }

    private static IEnumerable<Measurement> Series(Random random, int v, int t)
    {
        var vp = Vantages[v];
        var target = Targets[t];
        var home = Airports[(v + t) % Airports.Length];
        var other = Airports[(v + t + 3) % Airports.Length];
        var scenario = (v * 7 + t) % 6;
        var serial = 2026113000L;
        for (var r = 0; r < Rounds; r++)
        {
            var at = Start.AddMinutes(r).AddMilliseconds((41 * v) + (5 * t));
            var site = scenario switch
            {
                0 when r >= 120 => other,                                  // a shift
                1 when r is >= 80 and < 84 => other,                       // a transient
                2 when r is >= 100 and < 140 => r % 2 == 0 ? home : other, // flapping
                3 when r >= 200 => r % 3 == 0 ? other : home,              // unsettled at the end
                _ => home,
            };
            if (target.Id == "cloudflare" && v < 3)
            {
                site = r >= 150 ? "LHR" : "AMS"; // three vantage points move together: one event
            }

            var lost = (scenario == 4 && r is >= 60 and < 70) || (scenario == 5 && r is >= 30 and < 32) || random.NextDouble() < 0.02;
            var rcode = random.NextDouble() switch
            {
                < 0.01 => DnsRcodes.ServFail,
                < 0.015 => DnsRcodes.Refused,
                _ => DnsRcodes.NoError,
            };
            var baseUs = 2_000 + (((v * 13) + (t * 29) + (site == other ? 17 : 0)) % 90 * 1_000);
            var rttUs = baseUs + random.Next(0, 4_000) + (random.NextDouble() < 0.03 ? random.Next(10_000, 200_000) : 0);
            var identity = IdentityOf(vp.Id, target.Id, site, v, r);
            var m = Probe(vp.Id, target.Id, at, lost ? null : rttUs, lost ? null : rcode, lost ? ObservedIdentity.None : identity);
            if (target.Id == "zone-soa" && !lost)
            {
                // The serial moves every 40 minutes; the far site picks it up 25 minutes late.
                var lag = site == Airports[(v + t) % Airports.Length] && v % 3 == 0 ? 25 : 0;
                m = m with { SoaSerial = serial + ((r - lag) < 0 ? 0 : (r - lag) / 40) };
            }

            if (target.Id == "www-host")
            {
                m = m with
                {
                    Address = IPAddress.Parse(v % 2 == 0 && r >= 150 ? "203.0.113.11" : "203.0.113.10"),
                    Answers = lost ? null : (v % 4 == 0 ? "203.0.113.10,203.0.113.11" : "203.0.113.10"),
                };
            }

            yield return m;
            if (lost && scenario == 4 && r == 69)
            {
                // Bursts after the outage: two lost, then answers from the other site.
                for (var b = 1; b <= 4; b++)
                {
                    var burstAt = at.AddSeconds(b * 2);
                    yield return Probe(vp.Id, target.Id, burstAt, b <= 2 ? null : rttUs + 300, b <= 2 ? null : DnsRcodes.NoError, b <= 2 ? ObservedIdentity.None : IdentityOf(vp.Id, target.Id, other, v, r)) with { Kind = ProbeKind.Burst };
                }
            }

            if (r % 60 == 30 && t < 4)
            {
                // Site probes: each of three sites on its own address.
                for (var s = 0; s < 3; s++)
                {
                    var probed = Airports[(v + t + s) % Airports.Length];
                    var siteAt = at.AddSeconds(10 + s);
                    var siteLost = random.NextDouble() < 0.1;
                    yield return Probe(vp.Id, target.Id, siteAt, siteLost ? null : 1_500 + (s * 7_000) + random.Next(0, 2_000), siteLost ? null : DnsRcodes.NoError, siteLost || s == 2 ? ObservedIdentity.None : IdentityOf(vp.Id, target.Id, probed, v, r))
                        with
                    { Kind = ProbeKind.Site, SiteId = probed.ToLowerInvariant() };
                }
            }
        }
    }

    private static ObservedIdentity IdentityOf(string vantage, string target, string site, int v, int r)
    {
        var code = site.ToLowerInvariant();
        return target switch
        {
            // A resolver on vp-x1's path answers for quad9 in its own name.
            "quad9" when vantage == "vp-x1" => new ObservedIdentity(Text("resolver1.isp.example"), null, null),
            "quad9" => new ObservedIdentity(Text($"res{(v % 3) + 100}.{code}.rrdns.pch.net"), null, null),
            "k-root" when vantage == "vp-syd" => new ObservedIdentity(Text("node-77-unnamed"), null, null),
            "k-root" => new ObservedIdentity(Text($"k{(r % 2) + 1}.{code}-ix.k.ripe.net"), Text($"k{(r % 2) + 1}.{code}-ix"), null),
            "cloudflare" when vantage == "vp-x2" => ObservedIdentity.None,
            "cloudflare" => new ObservedIdentity(Text(code.ToUpperInvariant()), null, Text(string.Empty)),
            "www-host" => new ObservedIdentity(null, null, Text($"{(v % 5) + 12}m{(r % 3) + 1}")),
            "google" => new ObservedIdentity(null, null, Text($"gpdns-{code}")),
            _ => new ObservedIdentity(Text($"{code}{(v % 2) + 1}.ns.example"), null, Text($"{code}-{v % 2}")),
        };
    }

    private static Measurement Probe(string vantage, string target, DateTimeOffset at, int? rttUs, int? rcode, ObservedIdentity identity) => new()
    {
        Id = Guid.CreateVersion7(at),
        VantageId = vantage,
        TargetId = target,
        Started = at,
        Outcome = rttUs is null ? ProbeOutcome.Timeout : ProbeOutcome.Answered,
        Rtt = rttUs is { } us ? TimeSpan.FromTicks(us * TimeSpan.TicksPerMicrosecond) : null,
        Rcode = rcode,
        ResponseSize = rttUs is null ? null : 72,
        Identity = identity,
    };

    private static IdentityValue Text(string text) => new(Encoding.ASCII.GetBytes(text));

    private static VantagePoint Vp(string id, string country, double lat, double lon) =>
        new(id) { Country = country, Latitude = lat, Longitude = lon };
}
