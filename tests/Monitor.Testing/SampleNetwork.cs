using System.Net;

using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Testing;

/// <summary>
/// A deterministic synthetic data set for reports: 8 vantage points around the world × 4 anycast
/// targets, 60 rounds a minute apart from <see cref="Start"/>. RTT follows great-circle distance
/// (fibre: ~1 ms per 100 km of round trip, ×1.5 for path stretch, + 2 ms) with seeded jitter.
/// k-root: vp-ams and vp-fra shift AMS → LHR at round 30 (one shift event). quad9: vp-jnb loses
/// rounds 40–43 (an outage). k-root from vp-syd answers an identity no rule parses. About 1 % random loss.
/// </summary>
public static class SampleNetwork
{
    /// <summary>The first round.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Rounds per vantage point.</summary>
    public const int Rounds = 60;

    /// <summary>The unparsed identity k-root gives vp-syd.</summary>
    public const string UnparsedIdentity = "node-7.example";

    /// <summary>The vantage points with their places.</summary>
    public static IReadOnlyList<VantagePoint> Vantages { get; } =
    [
        Vp("vp-ams", "Amsterdam", "NL", 52.37, 4.90),
        Vp("vp-fra", "Frankfurt", "DE", 50.11, 8.68),
        Vp("vp-nyc", "New York", "US", 40.71, -74.01),
        Vp("vp-sfo", "San Francisco", "US", 37.77, -122.42),
        Vp("vp-gru", "Sao Paulo", "BR", -23.55, -46.63),
        Vp("vp-sin", "Singapore", "SG", 1.35, 103.82),
        Vp("vp-syd", "Sydney", "AU", -33.87, 151.21),
        Vp("vp-jnb", "Johannesburg", "ZA", -26.20, 28.05),
    ];

    /// <summary>The targets with their providers.</summary>
    public static IReadOnlyList<Target> Targets { get; } =
    [
        new Target("cloudflare", IPAddress.Parse("1.1.1.1")) { Provider = "Cloudflare" },
        new Target("google", IPAddress.Parse("8.8.8.8")) { Provider = "Google" },
        new Target("quad9", IPAddress.Parse("9.9.9.9")) { Provider = "Quad9" },
        new Target("k-root", IPAddress.Parse("193.0.14.129")) { Provider = "RIPE NCC" },
    ];

    // Sites per target, in the order of Vantages.
    private static readonly Dictionary<string, string[]> Catchment = new(StringComparer.Ordinal)
    {
        ["cloudflare"] = ["AMS", "FRA", "EWR", "SJC", "GRU", "SIN", "SYD", "JNB"],
        ["google"] = ["AMS", "FRA", "IAD", "LAX", "GRU", "SIN", "SYD", "LHR"],
        ["quad9"] = ["AMS", "AMS", "JFK", "SFO", "MIA", "HKG", "SYD", "JNB"],
        ["k-root"] = ["AMS", "AMS", "MIA", "LAX", "GRU", "NRT", UnparsedIdentity, "LHR"],
    };

    /// <summary>The measurements, grouped per (vantage point, round), each round holding every target.</summary>
    public static IReadOnlyList<(Round Round, IReadOnlyList<Measurement> Measurements)> Build()
    {
        var random = new Random(20261127);
        var result = new List<(Round, IReadOnlyList<Measurement>)>();
        for (var v = 0; v < Vantages.Count; v++)
        {
            var vp = Vantages[v];
            for (var r = 0; r < Rounds; r++)
            {
                var at = Start.AddMinutes(r).AddMilliseconds(37 * v);
                var measurements = new List<Measurement>();
                foreach (var target in Targets)
                {
                    var site = Catchment[target.Id][v];
                    if (target.Id == "k-root" && vp.Id is "vp-ams" or "vp-fra" && r >= 30)
                    {
                        site = "LHR";
                    }

                    var jitter = random.NextDouble();
                    var lost = (target.Id == "quad9" && vp.Id == "vp-jnb" && r is >= 40 and <= 43) || random.NextDouble() < 0.01;
                    var started = at.AddMilliseconds(3 * measurements.Count);
                    measurements.Add(new Measurement
                    {
                        Id = Guid.CreateVersion7(started),
                        VantageId = vp.Id,
                        TargetId = target.Id,
                        Started = started,
                        Outcome = lost ? ProbeOutcome.Timeout : ProbeOutcome.Answered,
                        Rtt = lost ? null : TimeSpan.FromMilliseconds(Math.Round(BaseRtt(vp, site) + (jitter * jitter * jitter * 4), 3)),
                        Rcode = lost ? null : 0,
                        ResponseSize = lost ? null : 60,
                        Identity = lost ? ObservedIdentity.None : new ObservedIdentity(IdentityValue.FromAscii(site), null, null),
                    });
                }

                var round = new Round(Guid.CreateVersion7(at), vp.Id, Start.AddMinutes(r), at, at.AddMilliseconds(400), measurements.Count, measurements.Count(m => m.IsAnswered));
                result.Add((round, measurements));
            }
        }

        return result;
    }

    private static double BaseRtt(VantagePoint vp, string site)
    {
        if (!AirportTable.Default.TryGet(site, out var airport))
        {
            return 180; // the unparsed node: far away
        }

        const double EarthKm = 6371;
        static double Rad(double d) => d * Math.PI / 180;
        var (lat1, lon1, lat2, lon2) = (Rad(vp.Latitude!.Value), Rad(vp.Longitude!.Value), Rad(airport.Latitude), Rad(airport.Longitude));
        var h = Math.Pow(Math.Sin((lat2 - lat1) / 2), 2) + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Pow(Math.Sin((lon2 - lon1) / 2), 2));
        var km = 2 * EarthKm * Math.Asin(Math.Sqrt(h));
        return 2 + (km / 100 * 1.5);
    }

    private static VantagePoint Vp(string id, string city, string country, double lat, double lon) =>
        new(id) { City = city, Country = country, Latitude = lat, Longitude = lon };
}
