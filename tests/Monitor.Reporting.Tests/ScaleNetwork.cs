using System.Net;
using System.Runtime.CompilerServices;

using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Reporting.Tests;

/// <summary>
/// A synthetic network of the size the report must stay readable at: 13 root-letter-like targets on
/// documentation addresses (192.0.2.0/24; nothing is sent anywhere) × N vantage points spread over 60
/// cities. Each vantage point is served by its target's nearest site (RTT from the distance), one in 17
/// by a site on another continent; k-root's European vantage points shift AMS → LHR halfway; one
/// vantage point has an outage on c-root; m-root answers one vantage point with an unplaced identity.
/// </summary>
internal static class ScaleNetwork
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Cities =
    [
        "AMS", "FRA", "LHR", "CDG", "MAD", "FCO", "ARN", "WAW", "VIE", "ZRH", "PRG", "BUD", "OSL", "HEL", "CPH", "DUB", "LIS", "ATH", "IST", "OTP",
        "JFK", "IAD", "ORD", "LAX", "SFO", "SEA", "DFW", "MIA", "ATL", "YYZ", "YVR", "MEX", "GRU", "EZE", "SCL", "BOG", "LIM", "JNB", "CPT", "NBO",
        "LOS", "CAI", "DXB", "DOH", "BOM", "DEL", "SIN", "HKG", "NRT", "ICN", "PEK", "TPE", "BKK", "KUL", "CGK", "MNL", "SYD", "MEL", "AKL", "PER",
    ];

    private static readonly string[] Operators = ["Verisign", "USC-ISI", "Cogent", "UMD", "NASA", "ISC", "DISA", "ARL", "Netnod", "Verisign", "RIPE NCC", "ICANN", "WIDE"];

    public static IReadOnlyList<Target> Targets { get; } = TargetsOf(13);

    /// <summary>The 13 root-letter-like targets, then (beyond 13) <c>x14-root</c> and on, operators repeating.</summary>
    public static IReadOnlyList<Target> TargetsOf(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Target(i < 13 ? $"{(char)('a' + i)}-root" : $"x{i + 1}-root", IPAddress.Parse($"192.0.2.{i + 1}")) { Provider = Operators[i % Operators.Length] })];

    public static IReadOnlyList<VantagePoint> Vantages(int count) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            AirportTable.Default.TryGet(Cities[i % Cities.Length], out var a);
            var jitter = (i / Cities.Length % 20) * 0.05;
            return new VantagePoint($"vp-{i:00000}") { City = a!.City, Country = a.Country, Latitude = a.Latitude + jitter, Longitude = a.Longitude - jitter };
        })];

    /// <summary>The report content for <paramref name="vantages"/> vantage points with <paramref name="probes"/> probes a series, analysed as the CLI does.</summary>
    public static async Task<ReportContent> BuildAsync(int vantages, int probes, CancellationToken cancellationToken, int targetCount = 13)
    {
        var vps = Vantages(vantages);
        var targets = TargetsOf(targetCount);
        var resolver = new SiteResolver(SiteResolver.DefaultRules, AirportTable.Default);
        var analyzer = new Analyzer(resolver.Resolve, targets.ToDictionary(t => t.Id, t => t.Provider, StringComparer.Ordinal), vps.ToDictionary(v => v.Id, StringComparer.Ordinal));
        var series = new SeriesSetBuilder(resolver.Resolve);
        var report = await analyzer.AnalyzeAsync(Observe(Measurements(vps, targets, probes), series.Add, cancellationToken), AnalysisWindow.All, cancellationToken);
        return new ReportContent($"Synthetic: {targetCount} targets × {vantages} vantage points", report, series.Build(), vps, ["Synthetic data (tests/Monitor.Reporting.Tests/ScaleNetwork.cs)"], Start.AddDays(1)) { Targets = targets };
    }

    private static async IAsyncEnumerable<Measurement> Observe(IEnumerable<Measurement> measurements, Action<Measurement> observe, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var m in measurements)
        {
            cancellationToken.ThrowIfCancellationRequested();
            observe(m);
            yield return m;
        }

        await Task.CompletedTask;
    }

    /// <summary>In series order (vantage point, target, time), as the store gives them to the analysis.</summary>
    private static IEnumerable<Measurement> Measurements(IReadOnlyList<VantagePoint> vps, IReadOnlyList<Target> targets, int probes)
    {
        var random = new Random(20261127);
        var sites = targets.Select((_, t) => Cities.Where((_, c) => (c + t) % 3 == 0 || c % 7 == 0).ToArray()).ToArray();
        for (var v = 0; v < vps.Count; v++)
        {
            var vp = vps[v];
            for (var t = 0; t < targets.Count; t++)
            {
                var target = targets[t];
                var nearest = sites[t].OrderBy(s => Km(vp, s)).First();
                var remote = (v + t) % 17 == 5 ? sites[t].OrderByDescending(s => Km(vp, s)).First() : nearest;
                for (var p = 0; p < probes; p++)
                {
                    var site = remote;
                    if (target.Id == "k-root" && vp.Country is "NL" or "DE" && p >= probes / 2)
                    {
                        site = "LHR";
                    }

                    var identity = target.Id == "m-root" && v == 7 ? "node-7.example" : site;
                    var lost = (target.Id == "c-root" && v == 3 && p >= probes / 3 && p < (probes / 3) + 4) || random.NextDouble() < 0.01;
                    var at = Start.AddMinutes(p).AddMilliseconds((37 * (v % 1000)) + (3 * t));
                    var km = AirportTable.Default.TryGet(site, out _) ? Km(vp, site) : 9000;
                    var rtt = 1.5 + (km / 100 * 1.4) + (random.NextDouble() * random.NextDouble() * 3);
                    yield return new Measurement
                    {
                        Id = Guid.CreateVersion7(at),
                        VantageId = vp.Id,
                        TargetId = target.Id,
                        Started = at,
                        Outcome = lost ? ProbeOutcome.Timeout : ProbeOutcome.Answered,
                        Rtt = lost ? null : TimeSpan.FromMilliseconds(Math.Round(rtt, 3)),
                        Rcode = lost ? null : 0,
                        ResponseSize = lost ? null : 60,
                        Identity = lost ? ObservedIdentity.None : new ObservedIdentity(IdentityValue.FromAscii(identity), null, null),
                    };
                }
            }
        }
    }

    private static double Km(VantagePoint vp, string site)
    {
        AirportTable.Default.TryGet(site, out var a);
        return Core.Analysis.Routing.FibrePhysics.DistanceKm(vp.Latitude!.Value, vp.Longitude!.Value, a!.Latitude, a.Longitude);
    }
}
