using System.Net;

using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Bench;

/// <summary>
/// A deterministic, realistic data set at scale: 50 vantage points × 20 anycast targets, one round a
/// minute. Each target has 6–15 sites at real airports; a vantage point lands on its nearest site (one
/// series in ten on the second nearest: real routing is not optimal). RTT follows distance (fibre
/// ~1 ms per 100 km of round trip ×1.5 for path stretch, + 2 ms) with heavy-tailed jitter. One series
/// in twenty shifts to another site for a while (a route change), one in a hundred has an outage of
/// 30 rounds, and 1 % of probes are lost at random. Measurements come in time order, streamed.
/// </summary>
internal sealed class SyntheticNetwork
{
    public const int VantageCount = 50;
    public const int TargetCount = 20;

    public static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] VantageCodes =
    [
        "AMS", "FRA", "LHR", "CDG", "MAD", "FCO", "ARN", "HEL", "WAW", "VIE",
        "ZRH", "DUB", "LIS", "ATH", "IST", "JFK", "IAD", "ORD", "ATL", "DFW",
        "DEN", "LAX", "SFO", "SEA", "YYZ", "MEX", "GRU", "EZE", "SCL", "BOG",
        "LIM", "JNB", "CPT", "NBO", "LOS", "CAI", "DXB", "BOM", "DEL", "SIN",
        "HKG", "NRT", "ICN", "TPE", "BKK", "KUL", "SYD", "MEL", "AKL", "PER",
    ];

    private static readonly string[] SiteCodes =
    [
        "AMS", "FRA", "LHR", "CDG", "MAD", "ARN", "WAW", "MXP", "JFK", "IAD", "ORD", "ATL", "DFW", "LAX", "SJC",
        "SEA", "MIA", "YYZ", "GRU", "SCL", "JNB", "DXB", "BOM", "SIN", "HKG", "NRT", "SYD", "AKL", "EWR", "VIE",
    ];

    private readonly Series[] _series;

    public SyntheticNetwork()
    {
        var random = new Random(20261001);
        var airports = AirportTable.Default;
        Vantages = [.. VantageCodes.Select(code =>
        {
            var a = airports.TryGet(code, out var airport) ? airport : throw new InvalidOperationException($"no airport {code}");
            return new VantagePoint("vp-" + code.ToLowerInvariant()) { City = a.City, Country = a.Country, Latitude = a.Latitude, Longitude = a.Longitude };
        })];
        Targets = [.. Enumerable.Range(0, TargetCount).Select(t => new Target($"anycast-{t:00}", IPAddress.Parse($"192.0.2.{t + 1}")) { Provider = $"provider-{t % 7}" })];
        _series = new Series[VantageCount * TargetCount];
        for (var t = 0; t < TargetCount; t++)
        {
            var sites = SiteCodes.OrderBy(_ => random.Next()).Take(random.Next(6, 16)).Select(c => airports.TryGet(c, out var a) ? a : throw new InvalidOperationException(c)).ToArray();
            for (var v = 0; v < VantageCount; v++)
            {
                var vp = Vantages[v];
                var byDistance = sites.Select(s => (Site: s, Rtt: BaseRtt(vp.Latitude!.Value, vp.Longitude!.Value, s.Latitude, s.Longitude))).OrderBy(x => x.Rtt).ToArray();
                var primary = random.NextDouble() < 0.1 && byDistance.Length > 1 ? byDistance[1] : byDistance[0];
                var other = byDistance.First(x => x.Site != primary.Site);
                _series[(v * TargetCount) + t] = new Series(
                    IdentityValue.FromAscii(primary.Site.Iata), primary.Rtt,
                    IdentityValue.FromAscii(other.Site.Iata), other.Rtt,
                    ShiftAt: random.NextDouble() < 0.05 ? random.NextDouble() : -1,
                    OutageAt: random.NextDouble() < 0.01 ? random.NextDouble() : -1);
            }
        }
    }

    public IReadOnlyList<VantagePoint> Vantages { get; }

    public IReadOnlyList<Target> Targets { get; }

    /// <summary>About <paramref name="count"/> measurements (whole rounds), in time order.</summary>
    public IEnumerable<Measurement> Measurements(long count)
    {
        var random = new Random(42);
        var steps = (int)Math.Max(1, count / (VantageCount * TargetCount));
        for (var step = 0; step < steps; step++)
        {
            var fraction = (double)step / steps;
            for (var v = 0; v < VantageCount; v++)
            {
                var at = Start.AddMinutes(step).AddMilliseconds(37 * v);
                for (var t = 0; t < TargetCount; t++)
                {
                    var s = _series[(v * TargetCount) + t];
                    var shifted = s.ShiftAt >= 0 && fraction >= s.ShiftAt && fraction < s.ShiftAt + 0.2;
                    var outage = s.OutageAt >= 0 && step >= (int)(s.OutageAt * steps) && step < (int)(s.OutageAt * steps) + 30;
                    var lost = outage || random.NextDouble() < 0.01;
                    var started = at.AddMilliseconds(3 * t);
                    var jitter = random.NextDouble();
                    yield return new Measurement
                    {
                        Id = Guid.CreateVersion7(started),
                        VantageId = Vantages[v].Id,
                        TargetId = Targets[t].Id,
                        Started = started,
                        Outcome = lost ? ProbeOutcome.Timeout : ProbeOutcome.Answered,
                        Rtt = lost ? null : TimeSpan.FromMicroseconds(Math.Round(((shifted ? s.OtherRtt : s.Rtt) + (jitter * jitter * jitter * 8)) * 1000)),
                        Rcode = lost ? null : 0,
                        ResponseSize = lost ? null : 71,
                        Identity = lost ? ObservedIdentity.None : new ObservedIdentity(shifted ? s.Other : s.Site, null, null),
                    };
                }
            }
        }
    }

    private static double BaseRtt(double lat1, double lon1, double lat2, double lon2)
    {
        const double EarthKm = 6371;
        static double Rad(double d) => d * Math.PI / 180;
        var h = Math.Pow(Math.Sin((Rad(lat2) - Rad(lat1)) / 2), 2) + (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin((Rad(lon2) - Rad(lon1)) / 2), 2));
        var km = 2 * EarthKm * Math.Asin(Math.Sqrt(h));
        return 2 + (km / 100 * 1.5);
    }

    private sealed record Series(IdentityValue Site, double Rtt, IdentityValue Other, double OtherRtt, double ShiftAt, double OutageAt);
}
