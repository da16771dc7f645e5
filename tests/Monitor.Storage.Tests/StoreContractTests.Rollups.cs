using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Latency;
using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Storage.Tests;

/// <summary>The hourly rollups (<c>series_hours</c>), on each database.</summary>
public abstract partial class StoreContractTests
{
    private static readonly DateTimeOffset RollupStart = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadHourlyRollupsAsync_LognormalRttsManyHours_CountsEqualRowsAndPercentilesWithinOnePercent()
    {
        await using var store = await OpenAsync();
        var written = await WriteLognormalAsync(store, hours: 30);
        var rows = await store.ReadMeasurementsAsync(MeasurementQuery.All, Ct).ToListAsync(Ct);
        var hours = await store.ReadHourlyRollupsAsync(MeasurementQuery.All, Ct);

        Assert.Equal(written, rows.Count);
        Assert.Equal(RollupsOf(rows), Describe(hours));
        Assert.Equal(rows.Count, hours.Sum(h => h.Probes));
        Assert.True(hours.Select(h => h.Identities.Count(i => !i.Identity.IsEmpty)).Distinct().Count() > 1, "some series-hours see more than one site");

        // Per series-hour, per series over every hour, and over everything.
        foreach (var hour in hours.Where(h => h.Rtt.Count > 0))
        {
            AssertPercentiles(rows.Where(m => m.VantageId == hour.VantageId && m.TargetId == hour.TargetId && m.Started >= hour.Hour && m.Started < hour.Hour.AddHours(1)), hour.Rtt);
        }

        foreach (var series in hours.GroupBy(h => (h.VantageId, h.TargetId)))
        {
            AssertPercentiles(rows.Where(m => (m.VantageId, m.TargetId) == series.Key), Merged(series));
        }

        AssertPercentiles(rows, Merged(hours));
    }

    [Fact]
    public async Task ReadHourlyRollupsAsync_Window_ReadsTheHoursStartingInIt()
    {
        await using var store = await OpenAsync();
        await WriteLognormalAsync(store, hours: 6);
        var query = MeasurementQuery.All with { From = RollupStart.AddHours(2), To = RollupStart.AddHours(4), VantageId = "vp-2" };

        var hours = await store.ReadHourlyRollupsAsync(query, Ct);
        var rows = await store.ReadMeasurementsAsync(query, Ct).ToListAsync(Ct);

        Assert.Equal(RollupsOf(rows), Describe(hours));
        Assert.Equal([RollupStart.AddHours(2), RollupStart.AddHours(3)], hours.Select(h => h.Hour).Distinct());
        Assert.All(hours, h => Assert.Equal("vp-2", h.VantageId));
    }

    [Fact]
    public async Task WriteRoundAsync_SameRoundsAndImportTwice_LeavesRollupsUnchanged()
    {
        await using var store = await OpenAsync();
        var burst = Some.Measurement("vp-1", "t-1", RollupStart.AddMinutes(59).AddSeconds(59)) with { Kind = ProbeKind.Burst };
        var (first, firstRows) = Some.Round("vp-1", RollupStart.AddMinutes(59), Some.Measurement("vp-1", "t-1", RollupStart.AddMinutes(59), rttMs: 20), burst, Some.Measurement("vp-1", "t-2", RollupStart.AddMinutes(59), outcome: ProbeOutcome.Timeout));
        var (second, secondRows) = Some.Round("vp-1", RollupStart.AddMinutes(61), Some.Measurement("vp-1", "t-1", RollupStart.AddMinutes(61), rttMs: 25, idServer: "fra1", nsid: null));
        var imported = new[] { Some.Measurement("vp-9", "t-1", RollupStart.AddMinutes(30), rttMs: 40), Some.Measurement("vp-9", "t-1", RollupStart.AddMinutes(90), rttMs: 41) };
        await store.WriteRoundAsync(first, firstRows, Ct);
        await store.WriteRoundAsync(second, secondRows, Ct);
        await store.WriteImportAsync([new VantagePoint("vp-9")], imported, [], RollupStart, Ct);
        var once = Describe(await store.ReadHourlyRollupsAsync(MeasurementQuery.All with { AllKinds = true }, Ct));

        Assert.Equal(0, await store.WriteRoundAsync(first, firstRows, Ct));
        Assert.Equal(0, await store.WriteRoundAsync(second, secondRows, Ct));
        Assert.Equal(0, await store.WriteImportAsync([new VantagePoint("vp-9")], imported, [], RollupStart, Ct));
        var twice = Describe(await store.ReadHourlyRollupsAsync(MeasurementQuery.All with { AllKinds = true }, Ct));
        var regular = await store.ReadHourlyRollupsAsync(MeasurementQuery.All, Ct);

        Assert.Equal(once, twice);
        Assert.Equal(RollupsOf(await store.ReadMeasurementsAsync(MeasurementQuery.All with { AllKinds = true }, Ct).ToListAsync(Ct)), twice);
        Assert.Equal(6, once.Count); // t-1 regular and burst in hour 0, t-2 in hour 0, t-1 in hour 1, vp-9 in hours 0 and 1
        Assert.DoesNotContain(regular, h => h.Kind != ProbeKind.Regular);
        Assert.Equal(5, regular.Count);
    }

    [Fact]
    public async Task WriteRoundAsync_TwoWritersTakeTurnsOnOneSeriesHour_RollupsCountBothAfterEachWrite()
    {
        // Two stores (two processes' writers) on one database: each keeps the hours it wrote last, and
        // must notice the other's rows in them instead of writing its own copy over them.
        var dialect = await CreateDatabaseAsync();
        await using var a = await SqlMeasurementStore.OpenAsync(dialect, TimeProvider.System, Ct);
        await using var b = await SqlMeasurementStore.OpenAsync(dialect, TimeProvider.System, Ct);
        var writers = new[] { a, a, b, a, b, b, a };
        for (var i = 0; i < writers.Length; i++)
        {
            var at = RollupStart.AddMinutes(5 * i);
            var (round, rows) = Some.Round("vp-1", at, Some.Measurement("vp-1", "t-1", at, rttMs: 10 + i, idServer: i % 3 == 0 ? "ams1" : "fra2"), Some.Measurement("vp-1", "t-2", at.AddMilliseconds(1), rttMs: 30 + i));
            Assert.Equal(2, await writers[i].WriteRoundAsync(round, rows, Ct));

            var stored = await a.ReadMeasurementsAsync(MeasurementQuery.All, Ct).ToListAsync(Ct);
            Assert.Equal(RollupsOf(stored), Describe(await b.ReadHourlyRollupsAsync(MeasurementQuery.All, Ct)));
        }

        var hours = await a.ReadHourlyRollupsAsync(MeasurementQuery.All, Ct);
        Assert.Equal([writers.Length, writers.Length], hours.Select(h => h.Probes));
    }

    [Fact]
    public async Task WriteRoundAsync_WritersAtOnceOnOneSeriesHour_RollupsCountEveryRow()
    {
        var dialect = await CreateDatabaseAsync();
        var stores = new List<SqlMeasurementStore>();
        for (var w = 0; w < 4; w++)
        {
            stores.Add(await SqlMeasurementStore.OpenAsync(dialect, TimeProvider.System, Ct));
        }

        try
        {
            await Task.WhenAll(stores.Select((store, w) => Task.Run(
                async () =>
                {
                    for (var i = 0; i < 8; i++)
                    {
                        var at = RollupStart.AddMinutes(i * 7).AddSeconds(w);
                        var (round, rows) = Some.Round("vp-1", at, Some.Measurement("vp-1", "t-1", at, rttMs: 5 + w + i), Some.Measurement("vp-1", "t-2", at.AddMilliseconds(1), rttMs: 9 + w));
                        await store.WriteRoundAsync(round, rows, Ct);
                    }
                },
                Ct)));

            var stored = await stores[0].ReadMeasurementsAsync(MeasurementQuery.All, Ct).ToListAsync(Ct);
            Assert.Equal(4 * 8 * 2, stored.Count);
            Assert.Equal(RollupsOf(stored), Describe(await stores[0].ReadHourlyRollupsAsync(MeasurementQuery.All, Ct)));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    /// <summary>The rollups the rows say, one line per series-hour and kind, sorted.</summary>
    internal static List<string> RollupsOf(IEnumerable<Measurement> rows) =>
        [.. rows.GroupBy(m => (m.VantageId, m.TargetId, Hour: new DateTimeOffset(m.Started.UtcTicks - (m.Started.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero), m.Kind))
            .Select(g =>
            {
                var rtt = new RttHistogram();
                foreach (var m in g.Where(m => m.IsAnswered && m.Rtt is not null))
                {
                    rtt.AddMicroseconds(UnixTime.ToMicroseconds(m.Rtt!.Value));
                }

                var identities = g.GroupBy(m => Identity(m.Identity, m.SiteId)).Select(i => $"{i.Key}={i.Count()}");
                return Line(g.Key.VantageId, g.Key.TargetId, g.Key.Hour, g.Key.Kind, g.Count(), g.Count(m => m.Outcome == ProbeOutcome.Answered), identities, rtt);
            })
            .Order(StringComparer.Ordinal)];

    /// <summary>The rollups read, in the form of <see cref="RollupsOf"/>.</summary>
    internal static List<string> Describe(IEnumerable<SeriesHour> hours) =>
        [.. hours.Select(h => Line(h.VantageId, h.TargetId, h.Hour, h.Kind, h.Probes, h.Answered, h.Identities.Select(i => $"{Identity(i.Identity, i.SiteId)}={i.Count}"), h.Rtt))
            .Order(StringComparer.Ordinal)];

    private static string Line(string vantage, string target, DateTimeOffset hour, ProbeKind kind, long probes, long answered, IEnumerable<string> identities, RttHistogram rtt) =>
        $"{vantage} {target} {hour:O} {kind} probes={probes} answered={answered} sites=[{string.Join(' ', identities.Order(StringComparer.Ordinal))}] rtt=[{string.Join(' ', rtt.Buckets.Select(b => $"{b.Key}:{b.Value}"))}]";

    private static string Identity(ObservedIdentity identity, string? site) =>
        $"{identity.IdServer?.Hex}/{identity.HostnameBind?.Hex}/{identity.Nsid?.Hex}/{site}";

    private static RttHistogram Merged(IEnumerable<SeriesHour> hours)
    {
        var merged = new RttHistogram();
        foreach (var h in hours)
        {
            merged.Merge(h.Rtt);
        }

        return merged;
    }

    private static void AssertPercentiles(IEnumerable<Measurement> rows, RttHistogram histogram)
    {
        var exact = rows.Where(m => m.IsAnswered && m.Rtt is not null).Select(m => (double)UnixTime.ToMicroseconds(m.Rtt!.Value)).Order().ToList();
        Assert.Equal(exact.Count, histogram.Count);
        foreach (var p in new[] { 0.5, 0.95, 0.99 })
        {
            var want = Percentiles.OfSorted(exact, p);
            var got = histogram.Percentile(p).TotalMicroseconds;
            Assert.True(Math.Abs(got - want) <= 0.01 * want, $"p{p * 100}: {got} µs from the rollup, {want} µs from {exact.Count} rows");
        }
    }

    // Three vantage points probing three targets every 5 minutes in rounds, a fourth's rows imported in one
    // batch: lognormal RTTs around each site's median, the site of a series changing every 7 hours or so,
    // one probe in 40 timing out. Returns the rows written.
    private static async Task<int> WriteLognormalAsync(SqlMeasurementStore store, int hours)
    {
        var random = new Random(17);
        string[] sites = ["ams1", "fra2", "lhr3", "iad4"];
        double[] medians = [8, 22, 75, 140];
        string[] targets = ["t-a", "t-b", "t-c"];
        Measurement Probe(string vantage, string target, DateTimeOffset at)
        {
            var site = ((vantage[^1] - '0') + (int)(((at - RollupStart).TotalMinutes + 30) / 420) + Array.IndexOf(targets, target)) & 3;
            if (random.Next(40) == 0)
            {
                return Some.Measurement(vantage, target, at, outcome: ProbeOutcome.Timeout);
            }

            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var rttMs = Math.Round(medians[site] * Math.Exp(0.35 * normal), 3);
            return Some.Measurement(vantage, target, at, rttMs: rttMs, idServer: sites[site], nsid: sites[site] + ".example");
        }

        var written = 0;
        foreach (var vantage in new[] { "vp-1", "vp-2", "vp-3" })
        {
            for (var minute = 0; minute < hours * 60; minute += 5)
            {
                var at = RollupStart.AddMinutes(minute).AddSeconds(vantage[^1] - '0');
                var (round, rows) = Some.Round(vantage, at, [.. targets.Select((t, i) => Probe(vantage, t, at.AddMilliseconds(i)))]);
                written += await store.WriteRoundAsync(round, rows, Ct);
            }
        }

        var imported = new List<Measurement>();
        for (var minute = 0; minute < hours * 60; minute += 5)
        {
            imported.AddRange(targets.Select(t => Probe("vp-4", t, RollupStart.AddMinutes(minute).AddSeconds(7))));
        }

        written += await store.WriteImportAsync([new VantagePoint("vp-4")], imported, [], RollupStart, Ct);
        return written;
    }
}
