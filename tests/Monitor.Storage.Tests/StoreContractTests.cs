using System.Net;

using Monitor.Core.Analysis.Series;
using Monitor.Core.Domain;
using Monitor.Storage.Sql;
using Monitor.Testing;

namespace Monitor.Storage.Tests;

/// <summary>
/// The storage contract, run against each database (Dapper's way): a subclass supplies a fresh,
/// empty database.
/// </summary>
public abstract partial class StoreContractTests
{
    protected abstract Task<SqlDialect> CreateDatabaseAsync();

    private async Task<SqlMeasurementStore> OpenAsync() =>
        await SqlMeasurementStore.OpenAsync(await CreateDatabaseAsync(), TimeProvider.System, TestContext.Current.CancellationToken);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteRoundAsync_ThenRead_RoundTripsEveryField()
    {
        await using var store = await OpenAsync();
        byte[] hostile = [0x3d, 0x63, 0x6d, 0x64, 0x7c, 0x00, 0x1b, 0xe2, 0x80, 0xae, 0xff];
        var full = Some.Measurement(rttMs: 0.123) with
        {
            Rcode = 16,
            Truncated = true,
            Identity = new ObservedIdentity(new IdentityValue(hostile), IdentityValue.FromAscii("hb"), new IdentityValue([])),
            IdentityRtt = TimeSpan.FromMicroseconds(4567),
            Discarded = 3,
            Error = "x",
            Transport = Transport.Https,
            Address = System.Net.IPAddress.Parse("2001:db8::53"),
            Connection = ConnectionMode.Kept,
            ConnectTime = TimeSpan.FromMicroseconds(812),
            TlsTime = TimeSpan.FromMicroseconds(3301),
            Reconnects = 1,
            AuthenticData = true,
            RrsigSeen = false,
            SoaSerial = 4294967295,
        };
        var timeout = Some.Measurement(outcome: ProbeOutcome.Timeout);
        var (round, measurements) = Some.Round("vp-1", Some.Instant, full, timeout);

        var inserted = await store.WriteRoundAsync(round, measurements, Ct);
        var read = await store.ReadMeasurementsAsync(MeasurementQuery.All, Ct).ToListAsync(Ct);

        Assert.Equal(2, inserted);
        AssertSame(measurements, read, ByTime);
        Assert.Equal(hostile, read[0].Identity.IdServer!.Raw.ToArray());
        Assert.Equal(TimeSpan.FromMicroseconds(123), read[0].Rtt);
        Assert.Equal(round.Id, read[0].RoundId);
        Assert.Equal([round], await store.ReadRoundsAsync(MeasurementQuery.All, Ct));
    }

    [Fact]
    public async Task WriteRoundAsync_SameRoundTwice_StoresItOnce()
    {
        await using var store = await OpenAsync();
        var (round, measurements) = Some.Round("vp-1", Some.Instant, Some.Measurement(), Some.Measurement(), Some.Measurement());

        var first = await store.WriteRoundAsync(round, measurements, Ct);
        var second = await store.WriteRoundAsync(round, measurements, Ct);
        var stats = await store.GetStatsAsync(Ct);

        Assert.Equal(3, first);
        Assert.Equal(0, second);
        Assert.Equal(3, stats.Measurements);
        Assert.Equal(1, stats.Rounds);
    }

    [Fact]
    public async Task WriteRoundAsync_LargeRound_CrossesBatchesAndStaysIdempotent()
    {
        await using var store = await OpenAsync();
        var t0 = Some.Instant;

        // 600 rows: two full multi-row batches and a remainder; one row with nothing but nulls where allowed.
        var many = Enumerable.Range(0, 600).Select(i => Some.Measurement(started: t0.AddMilliseconds(i), target: $"t-{i % 7}")).ToArray();
        many[599] = Some.Measurement(started: t0.AddMilliseconds(599), outcome: ProbeOutcome.Timeout);
        var (round, measurements) = Some.Round("vp-1", t0, many);

        var first = await store.WriteRoundAsync(round, measurements, Ct);
        var again = await store.WriteRoundAsync(round, measurements, Ct);
        var read = await store.ReadMeasurementsAsync(MeasurementQuery.All, Ct).ToListAsync(Ct);

        Assert.Equal(600, first);
        Assert.Equal(0, again);
        AssertSame(measurements, read, ByTime);
    }

    [Fact]
    public async Task WriteRoundAsync_BulkRound_RoundTripsEveryFieldAndTiesAndAddsNothingWhenWrittenAgain()
    {
        await using var store = await OpenAsync();
        var t0 = Some.Instant;

        // 2,000 rows (PostgreSQL's COPY path): every field set on one row, nulls on another, and two
        // probes of one series sent at the same microsecond (both kept, with ids of their own).
        var many = Enumerable.Range(0, 2000).Select(i => Some.Measurement(started: t0.AddMilliseconds(i), target: $"t-{i % 7}")).ToArray();
        many[10] = many[10] with
        {
            Rcode = 16,
            Truncated = true,
            Identity = new ObservedIdentity(new IdentityValue([0x00, 0xff, 0x1b]), IdentityValue.FromAscii("hb"), new IdentityValue([])),
            IdentityRtt = TimeSpan.FromMicroseconds(4567),
            Discarded = 3,
            Error = "x\u00e9",
        };
        many[11] = Some.Measurement(started: t0.AddMilliseconds(11), outcome: ProbeOutcome.Timeout);
        many[12] = many[5] with { Id = Guid.CreateVersion7(), Outcome = ProbeOutcome.Timeout, Rtt = null };
        var (round, measurements) = Some.Round("vp-1", t0, many);

        var inserted = await store.WriteRoundAsync(round, measurements, Ct);
        var again = await store.WriteRoundAsync(round, [.. measurements.Take(1000)], Ct);
        var read = await store.ReadMeasurementsAsync(MeasurementQuery.All, Ct).ToListAsync(Ct);

        Assert.Equal(2000, inserted);
        Assert.Equal(0, again);
        AssertSame(measurements, read, ByTime);
        Assert.Equal(2, read.Count(m => m.TargetId == many[5].TargetId && m.Started == many[5].Started));
        Assert.Equal(read.Select(m => m.Id), (await store.ReadMeasurementsAsync(MeasurementQuery.All, Ct).ToListAsync(Ct)).Select(m => m.Id));
    }

    [Fact]
    public async Task ReadMeasurementsAsync_Window_IsHalfOpenAndFiltered()
    {
        await using var store = await OpenAsync();
        var t0 = Some.Instant;
        var (round, measurements) = Some.Round(
            "vp-1",
            t0,
            Some.Measurement(started: t0, target: "a"),
            Some.Measurement(started: t0.AddSeconds(10), target: "a"),
            Some.Measurement(started: t0.AddSeconds(10), target: "b", vantage: "vp-2"),
            Some.Measurement(started: t0.AddSeconds(20), target: "a"));
        await store.WriteRoundAsync(round, measurements, Ct);

        var window = await store.ReadMeasurementsAsync(new MeasurementQuery { From = t0.AddSeconds(10), To = t0.AddSeconds(20) }, Ct).ToListAsync(Ct);
        var targetA = await store.ReadMeasurementsAsync(new MeasurementQuery { TargetId = "a" }, Ct).ToListAsync(Ct);
        var vp2 = await store.ReadMeasurementsAsync(new MeasurementQuery { VantageId = "vp-2" }, Ct).ToListAsync(Ct);

        Assert.Equal(2, window.Count);
        Assert.All(window, m => Assert.Equal(t0.AddSeconds(10), m.Started));
        Assert.Equal(3, targetA.Count);
        Assert.Equal("b", Assert.Single(vp2).TargetId);
    }

    [Fact]
    public async Task GetStatsAsync_CountsPerVantageAndTarget()
    {
        await using var store = await OpenAsync();
        var t0 = Some.Instant;
        var (round, measurements) = Some.Round(
            "vp-1",
            t0,
            Some.Measurement(started: t0, target: "a"),
            Some.Measurement(started: t0.AddSeconds(5), target: "a", outcome: ProbeOutcome.Timeout),
            Some.Measurement(started: t0.AddSeconds(7), target: "b"));
        await store.WriteRoundAsync(round, measurements, Ct);

        var stats = await store.GetStatsAsync(Ct);

        Assert.Equal(2, stats.Rows.Count);
        var a = stats.Rows.Single(r => r.TargetId == "a");
        Assert.Equal(2, a.Measurements);
        Assert.Equal(1, a.Answered);
        Assert.Equal(t0, a.First);
        Assert.Equal(t0.AddSeconds(5), a.Last);
        Assert.Equal(t0, stats.First);
        Assert.Equal(t0.AddSeconds(7), stats.Last);
    }

    [Fact]
    public async Task Upserts_VantageAndTargets_AreUpdatedNotDuplicated()
    {
        await using var store = await OpenAsync();
        var vp = new VantagePoint("ams-1") { City = "Amsterdam", Country = "NL", Latitude = 52.37, Longitude = 4.89, Asn = 3333 };
        var target = new Target("t", IPAddress.IPv6Loopback) { Provider = "p", Port = 5353 };

        await store.UpsertVantagePointAsync(vp, Some.Instant, Ct);
        await store.UpsertVantagePointAsync(vp with { City = "Amstelveen" }, Some.Instant.AddMinutes(1), Ct);
        await store.UpsertTargetsAsync([target], Some.Instant, Ct);
        await store.UpsertTargetsAsync([target with { Port = 53 }], Some.Instant, Ct);
        var stats = await store.GetStatsAsync(Ct);

        Assert.Equal(1, stats.Vantages);
        Assert.Equal(1, stats.Targets);
    }

    [Fact]
    public async Task PublishSchedule_ThenRead_GivesActiveTargetsOnly()
    {
        await using var store = await OpenAsync();
        var a = new Target("a", IPAddress.Loopback) { Provider = "p", Port = 5301, Timeout = TimeSpan.FromMilliseconds(700), Identity = IdentityMethods.Nsid, RecursionDesired = true };
        var b = new Target("b", IPAddress.IPv6Loopback) { Provider = "q", Transport = Transport.Tcp, Query = new DnsQuestion("example.com", DnsClasses.IN, DnsTypes.AAAA) };
        var schedule = new Schedule(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2));

        await store.PublishScheduleAsync("default", schedule, [a, b], Some.Instant, Ct);
        await store.PublishScheduleAsync("default", schedule with { Interval = TimeSpan.FromMinutes(1) }, [b], Some.Instant, Ct);
        var read = await store.ReadScheduleAsync("default", Ct);

        Assert.NotNull(read);
        Assert.Equal(TimeSpan.FromMinutes(1), read.Value.Schedule.Interval);
        Assert.Equal([b], read.Value.Targets);
        Assert.Null(await store.ReadScheduleAsync("other", Ct));
    }

    [Fact]
    public async Task UpsertTargets_TransportSettingsAndHostName_RoundTrip()
    {
        await using var store = await OpenAsync();
        var doh = new Target("doh", System.Net.IPAddress.Any)
        {
            HostName = "dns.example",
            Port = 443,
            Transport = Transport.Https,
            Connection = ConnectionMode.Kept,
            TlsName = "dns.example",
            TlsInsecure = true,
            Url = new Uri("https://dns.example/dns-query"),
            DohMethod = DohMethod.Get,
            HttpVersion = System.Net.HttpVersion.Version11,
            Dnssec = true,
            EdnsSize = 4096,
        };
        var plain = new Target("plain", System.Net.IPAddress.Loopback) { Edns = false };
        await store.UpsertTargetsAsync([doh, plain], Some.Instant, Ct);

        var read = await store.ReadTargetsAsync(Ct);

        Assert.Equal(doh, read.Single(t => t.Id == "doh"));
        Assert.Equal(plain, read.Single(t => t.Id == "plain"));
    }

    [Fact]
    public async Task ReadTargets_ActiveOrNot_AllWithHowTheyAreQueried()
    {
        await using var store = await OpenAsync();
        var a = new Target("a", IPAddress.Loopback) { Provider = "p", Port = 5301, Timeout = TimeSpan.FromMilliseconds(700), Identity = IdentityMethods.Nsid, RecursionDesired = true };
        var b = new Target("b", IPAddress.IPv6Loopback) { Provider = "q", Transport = Transport.Tcp, Kind = TargetKind.Unicast, Query = new DnsQuestion("example.com", DnsClasses.IN, DnsTypes.AAAA) };
        var c = new Target("c", IPAddress.Loopback) { Provider = "r", Identity = IdentityMethods.HostnameBind | IdentityMethods.IdServer, Query = DnsQuestion.HostnameBind };
        var schedule = new Schedule(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2));

        await store.UpsertTargetsAsync([c], Some.Instant, Ct);
        await store.PublishScheduleAsync("default", schedule, [a, b], Some.Instant, Ct);
        await store.PublishScheduleAsync("default", schedule, [b], Some.Instant, Ct);

        Assert.Equal([a, b, c], await store.ReadTargetsAsync(Ct));
    }

    [Fact]
    public async Task ReadMeasurementsAsync_SeriesOrder_IsVantageTargetTimeIdWithEveryColumn()
    {
        await using var store = await OpenAsync();
        var written = Mixed(["vp-b", "vp-a", "vp-c"], ["t2", "t1"], 120);
        await WriteShuffledAsync(store, written);

        var series = await store.ReadMeasurementsAsync(MeasurementQuery.All with { AllKinds = true, Order = MeasurementOrder.Series }, Ct).ToListAsync(Ct);
        var regular = await store.ReadMeasurementsAsync(MeasurementQuery.All with { Order = MeasurementOrder.Series }, Ct).ToListAsync(Ct);
        var oneVantage = await store.ReadMeasurementsAsync(MeasurementQuery.All with { AllKinds = true, Order = MeasurementOrder.Series, VantageId = "vp-a" }, Ct).ToListAsync(Ct);
        var byTime = await store.ReadMeasurementsAsync(MeasurementQuery.All with { AllKinds = true }, Ct).ToListAsync(Ct);

        AssertSame(written, series, SeriesOrder);
        AssertSame(written.Where(m => m.Kind == ProbeKind.Regular), regular, SeriesOrder);
        AssertSame(written.Where(m => m.VantageId == "vp-a"), oneVantage, SeriesOrder);
        AssertSame(written, byTime, ByTime);
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, false, false)]
    [InlineData(true, true, false)]
    [InlineData(true, false, true)]
    public async Task ReadSeriesAsync_Mixed_SameRowsAndOrderAsSeriesRead(bool allKinds, bool window, bool oneTarget)
    {
        await using var store = await OpenAsync();
        var written = Mixed(["vp-b", "vp-a", "vp-c", "vp-d"], ["t2", "t1", "t3"], 600);
        await WriteShuffledAsync(store, written);
        var query = MeasurementQuery.All with
        {
            AllKinds = allKinds,
            Order = MeasurementOrder.Series,
            From = window ? Some.Instant.AddSeconds(30) : null,
            To = window ? Some.Instant.AddSeconds(400) : null,
            TargetId = oneTarget ? "t1" : null,
        };
        var measurements = await store.ReadMeasurementsAsync(query, Ct).ToListAsync(Ct);
        var expected = await ColumnarSeries.ReadAsync(measurements.ToAsyncEnumerable(), new IdentityTable(), Ct).ToListAsync(Ct);

        var identities = new IdentityTable();
        var read = await store.ReadSeriesAsync(query, identities, Ct).ToListAsync(Ct);

        Assert.NotEmpty(read);
        Assert.All(read, s => Assert.Same(identities, s.Identities));
        Assert.Equal(expected.Select(s => (s.VantageId, s.TargetId)), read.Select(s => (s.VantageId, s.TargetId)));
        Assert.Equal(expected.SelectMany(Rows), read.SelectMany(Rows));
    }

    [Fact]
    public async Task ReadSeriesAsync_StoppedEarly_ReadsAgain()
    {
        await using var store = await OpenAsync();
        await WriteShuffledAsync(store, Mixed(["vp-a", "vp-b", "vp-c"], ["t1", "t2", "t3", "t4"], 400));
        var query = MeasurementQuery.All with { AllKinds = true };

        var firstTwo = await store.ReadSeriesAsync(query, new IdentityTable(), Ct).Take(2).ToListAsync(Ct);
        var all = await store.ReadSeriesAsync(query, new IdentityTable(), Ct).ToListAsync(Ct);

        Assert.Equal(2, firstTwo.Count);
        Assert.Equal(12, all.Count);
        Assert.Equal(all.Take(2).SelectMany(Rows), firstTwo.SelectMany(Rows));
    }

    // Each row of a series as values, identities by value (ids differ between identity tables).
    private static IEnumerable<(string, string, DateTimeOffset, ProbeOutcome, TimeSpan?, short, ProbeKind, ObservedIdentity, string?, long?, IPAddress?, string?)> Rows(ColumnarSeries s) =>
        Enumerable.Range(0, s.Count).Select(i => (
            s.VantageId,
            s.TargetId,
            s.Started(i),
            (ProbeOutcome)s.Outcomes[i],
            s.Rtt(i),
            s.Rcodes[i],
            (ProbeKind)s.Kinds[i],
            s.Identity(i),
            s.Answers.TryGet(i, out var answers) ? answers : null,
            s.SoaSerials.TryGet(i, out var serial) ? serial : (long?)null,
            s.Addresses.TryGet(i, out var address) ? address : null,
            s.SiteIds.TryGet(i, out var site) ? site : null));

    /// <summary>
    /// <paramref name="count"/> measurements over every pair of <paramref name="vantages"/> and <paramref name="targets"/>:
    /// every outcome and kind, NULL and empty identities, errors, answers, site ids, rounds or none, and rows of one
    /// series sent at the same microsecond (ordered by id).
    /// </summary>
    protected static List<Measurement> Mixed(string[] vantages, string[] targets, int count)
    {
        var random = new Random(8);
        var tie = Some.Instant.AddMinutes(5);
        var all = new List<Measurement>();
        for (var i = 0; i < count; i++)
        {
            var v = vantages[i % vantages.Length];
            var t = targets[i / vantages.Length % targets.Length];
            var at = i % 7 == 0 ? tie : Some.Instant.AddSeconds(random.Next(0, 600)).AddTicks(random.Next(0, 1000) * 10);
            var m = (i % 5) switch
            {
                0 => Some.Measurement(v, t, at, ProbeOutcome.Timeout) with { Transport = Transport.Udp, Address = System.Net.IPAddress.Loopback },
                1 => Some.Measurement(v, t, at, ProbeOutcome.NetworkError) with { Discarded = 2 },
                2 => Some.Measurement(v, t, at) with
                {
                    Kind = ProbeKind.Site,
                    SiteId = "ams1",
                    Answers = string.Empty,
                    Identity = new ObservedIdentity(new IdentityValue([]), IdentityValue.FromAscii("hb"), null),
                    IdentityRtt = TimeSpan.FromMicroseconds(4567),
                },
                3 => Some.Measurement(v, t, at, rttMs: 0.001) with
                {
                    Kind = ProbeKind.Burst,
                    Truncated = true,
                    Rcode = 4095,
                    Answers = "192.0.2.1",
                    Transport = Transport.Tls,
                    Address = System.Net.IPAddress.IPv6Loopback,
                    Connection = ConnectionMode.Kept,
                    Reconnects = i % 3,
                    ConnectTime = TimeSpan.FromMicroseconds(i),
                    TlsTime = TimeSpan.FromMicroseconds(2 * i),
                    AuthenticData = false,
                    RrsigSeen = true,
                    SoaSerial = i,
                },
                _ => Some.Measurement(v, t, at, idServer: "lhr" + (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture), nsid: null),
            };
            all.Add(m with { Id = new Guid(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16), bigEndian: true), RoundId = i % 4 == 0 ? null : Guid.Empty });
        }

        return all;
    }

    /// <summary>
    /// Writes <paramref name="measurements"/> in a shuffled order, in rounds of up to 25, so that the table's order is no
    /// order; a measurement with a round id is given its round's (the list is updated).
    /// </summary>
    protected static async Task WriteShuffledAsync(IMeasurementStore store, List<Measurement> measurements)
    {
        var shuffled = measurements.ToArray();
        new Random(9).Shuffle(shuffled);
        for (var start = 0; start < shuffled.Length; start += 25)
        {
            var chunk = shuffled.Skip(start).Take(25).ToList();
            var round = new Round(Guid.CreateVersion7(Some.Instant.AddSeconds(start)), "vp-a", Some.Instant, Some.Instant, Some.Instant.AddSeconds(1), chunk.Count, chunk.Count(m => m.IsAnswered));
            var ids = chunk.Select(m => m.RoundId is null ? m : m with { RoundId = round.Id }).ToList();
            await store.WriteRoundAsync(round, ids, Ct);
            for (var i = 0; i < ids.Count; i++)
            {
                measurements[measurements.IndexOf(chunk[i])] = ids[i];
            }
        }
    }

    /// <summary>ORDER BY vantage_id, target_id, started_us, id, with texts and ids compared as octets (UTF-8, big-endian UUID).</summary>
    internal static List<Measurement> SeriesOrder(IEnumerable<Measurement> measurements) =>
        [.. measurements
            .OrderBy(m => System.Text.Encoding.UTF8.GetBytes(m.VantageId), ByteOrder.Instance)
            .ThenBy(m => System.Text.Encoding.UTF8.GetBytes(m.TargetId), ByteOrder.Instance)
            .ThenBy(m => m.Started)
            .ThenBy(m => m.Id.ToByteArray(bigEndian: true), ByteOrder.Instance)];

    /// <summary>ORDER BY started_us, id (ids compared as big-endian octets).</summary>
    internal static List<Measurement> ByTime(IEnumerable<Measurement> measurements) =>
        [.. measurements.OrderBy(m => m.Started).ThenBy(m => m.Id.ToByteArray(bigEndian: true), ByteOrder.Instance)];

    /// <summary>
    /// The store holds exactly <paramref name="expected"/>, every field, read in the order <paramref name="order"/>
    /// gives. A probe written in a round gets an id derived from its row (its own is not stored; imported ones keep
    /// theirs): the ids read are compared only for being distinct, and order the rows as the store promises.
    /// </summary>
    internal static void AssertSame(IEnumerable<Measurement> expected, IReadOnlyList<Measurement> read, Func<IEnumerable<Measurement>, List<Measurement>> order)
    {
        static List<Measurement> Rows(IEnumerable<Measurement> ms) =>
            [.. ms.Select(m => m with { Id = Guid.Empty }).OrderBy(m => m.ToString(), StringComparer.Ordinal)];
        Assert.Equal(Rows(expected), Rows(read));
        Assert.Equal(read.Count, read.Select(m => m.Id).Distinct().Count());
        Assert.Equal(order(read), read);
    }

    /// <summary>Octet strings in memcmp order.</summary>
    [Fact]
    public async Task WriteImportAsync_SameBatchTwice_StoredOnceWithoutRoundsAndOriginsKept()
    {
        await using var store = await OpenAsync();
        var measurements = Enumerable.Range(0, 300).Select(i => Some.Measurement(started: Some.Instant.AddSeconds(i), vantage: $"atlas-{i % 30}") with { RoundId = null }).ToList();
        var origins = measurements.Select((m, i) => new MeasurementOrigin(m.Id, 1768147, i % 30, i % 2 == 0 ? "192.0.2." + (i % 250) : null)).ToList();
        var vantages = measurements.Select(m => new VantagePoint(m.VantageId)).DistinctBy(v => v.Id).ToList();

        var first = await store.WriteImportAsync(vantages, measurements, origins, Some.Instant, Ct);
        var again = await store.WriteImportAsync(vantages, measurements, origins, Some.Instant, Ct);
        var read = await store.ReadMeasurementsAsync(MeasurementQuery.All, Ct).ToListAsync(Ct);
        var stored = await store.ReadOriginsAsync(Ct);

        Assert.Equal(300, first);
        Assert.Equal(0, again);
        Assert.Equal(measurements.OrderBy(m => m.Started), read);
        Assert.Equal(origins.OrderBy(o => o.MeasurementId), stored.Values.OrderBy(o => o.MeasurementId));
        Assert.Equal(0, (await store.GetStatsAsync(Ct)).Rounds);
    }

    [Fact]
    public async Task WriteImportAsync_VantageMetadata_FilledInNeverErasedAndUpdatedByNewer()
    {
        await using var store = await OpenAsync();
        var full = new VantagePoint("atlas-7") { Latitude = -26.2, Longitude = 28.0, Country = "ZA", Asn = 3741, AsnV6 = 3742, IsAnchor = true };

        await store.WriteImportAsync([full], [], [], Some.Instant, Ct);
        await store.WriteImportAsync([new VantagePoint("atlas-7")], [], [], Some.Instant.AddHours(1), Ct);
        var kept = Assert.Single(await store.ReadVantagePointsAsync(Ct));
        await store.WriteImportAsync([new VantagePoint("atlas-7") { Latitude = 1.5, Longitude = 2.5, IsAnchor = false }], [], [], Some.Instant.AddHours(2), Ct);
        var updated = Assert.Single(await store.ReadVantagePointsAsync(Ct));

        Assert.Equal(full, kept);
        Assert.Equal(full with { Latitude = 1.5, Longitude = 2.5, IsAnchor = false }, updated);
    }

    protected sealed class ByteOrder : IComparer<byte[]>
    {
        public static ByteOrder Instance { get; } = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }

    [Fact]
    public async Task BurstAndSiteProbes_RoundTrip_AndOnlyRegularOnesAreReadByDefault()
    {
        await using var store = await OpenAsync();
        var regular = Some.Measurement() with { Answers = "192.0.2.1,192.0.2.2" };
        var site = Some.Measurement() with { Kind = ProbeKind.Site, SiteId = "ams1", Answers = string.Empty };
        var (round, measurements) = Some.Round("vp-1", Some.Instant, regular, site);
        var burstProbe = Some.Measurement(outcome: ProbeOutcome.Timeout) with { Kind = ProbeKind.Burst };
        var burst = new Round(Guid.CreateVersion7(burstProbe.Started), "vp-1", burstProbe.Started, burstProbe.Started, burstProbe.Started.AddMilliseconds(300), 1, 0) { Kind = ProbeKind.Burst };

        await store.WriteRoundAsync(round, measurements, Ct);
        await store.WriteRoundAsync(burst, [burstProbe with { RoundId = burst.Id }], Ct);

        var all = await store.ReadMeasurementsAsync(MeasurementQuery.All with { AllKinds = true }, Ct).ToListAsync(Ct);
        AssertSame([.. measurements, burstProbe with { RoundId = burst.Id }], all, ByTime);
        AssertSame([measurements[0]], await store.ReadMeasurementsAsync(MeasurementQuery.All, Ct).ToListAsync(Ct), ByTime);
        Assert.Equal([round], await store.ReadRoundsAsync(MeasurementQuery.All, Ct));
        Assert.Equal([round, burst], await store.ReadRoundsAsync(MeasurementQuery.All with { AllKinds = true }, Ct));
    }

    [Fact]
    public async Task PublishSchedule_SitesAndBurstPolicy_RoundTrip()
    {
        await using var store = await OpenAsync();
        var target = new Target("a", IPAddress.Loopback)
        {
            Provider = "p",
            Sites = [new TargetSite("ams1", IPAddress.Parse("192.0.2.1")), new TargetSite("fra-1", IPAddress.Parse("2001:db8::53"))],
        };
        var schedule = new Schedule(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)) { Burst = new BurstPolicy(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), 10) };

        await store.PublishScheduleAsync("default", schedule, [target], Some.Instant, Ct);
        var read = await store.ReadScheduleAsync("default", Ct);

        Assert.NotNull(read);
        Assert.Equal(schedule, read.Value.Schedule);
        Assert.Equal([target], read.Value.Targets);
        Assert.Equal(["ams1", "fra-1"], read.Value.Targets[0].Sites.Select(s => s.Id));
    }

    [Fact]
    public async Task Heartbeat_RecordsWorkerAndSmallClockOffset()
    {
        await using var store = await OpenAsync();
        await store.UpsertVantagePointAsync(new VantagePoint("vp-1"), Some.Instant, Ct);

        var offset = await store.HeartbeatAsync("vp-1", TimeProvider.System, Ct);
        var worker = Assert.Single(await store.ReadWorkersAsync(Ct));

        // Same machine, same clock: the offset is only the measurement's own error.
        Assert.InRange(offset, TimeSpan.FromSeconds(-2), TimeSpan.FromSeconds(2));
        Assert.Equal("vp-1", worker.VantageId);
        Assert.Equal(UnixTime.ToMicroseconds(offset), UnixTime.ToMicroseconds(worker.ClockOffset));
        Assert.Equal(worker.ClockOffset, Assert.Single(await store.ReadVantagePointsAsync(Ct)).ClockOffset);
    }

    [Fact]
    public async Task PruneAsync_OlderThanCut_RemovesOnlyThoseAndWritingGoesOn()
    {
        await using var store = await OpenAsync();
        var day = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        var written = new List<Measurement>();
        for (var hour = 0; hour < 72; hour += 6)
        {
            var at = day.AddHours(hour);
            var (round, measurements) = Some.Round("vp-1", at, Some.Measurement(started: at.AddMilliseconds(10), target: "a"), Some.Measurement(started: at.AddMilliseconds(20), target: "b"));
            await store.WriteRoundAsync(round, measurements, Ct);
            written.AddRange(measurements);
        }

        var cut = day.AddDays(1).AddHours(15); // the first day whole, and 3 rounds of the second
        var result = await store.PruneAsync(cut, Ct);
        var left = await store.ReadMeasurementsAsync(MeasurementQuery.All, Ct).ToListAsync(Ct);
        var again = await store.PruneAsync(cut, Ct);
        var (later, more) = Some.Round("vp-1", day.AddDays(5), Some.Measurement(started: day.AddDays(5), target: "a"));
        await store.WriteRoundAsync(later, more, Ct);

        Assert.Equal(14, result.Measurements);
        Assert.Equal(7, result.Rounds);
        Assert.Equal(cut, result.Before);
        AssertSame(written.Where(m => m.Started >= cut), left, ByTime);
        Assert.Equal((0L, 0L), (again.Measurements, again.Rounds));
        Assert.Empty(again.Partitions);
        Assert.Equal((11L, 6L), ((await store.GetStatsAsync(Ct)).Measurements, (await store.GetStatsAsync(Ct)).Rounds));
        AssertPruned(result);
    }

    /// <summary>What a database's own way of pruning shows (PostgreSQL: the partitions dropped).</summary>
    protected virtual void AssertPruned(PruneResult result) => Assert.Empty(result.Partitions);

    [Fact]
    public async Task OpenAsync_Twice_AppliesMigrationsOnce()
    {
        var dialect = await CreateDatabaseAsync();
        await using var first = await SqlMeasurementStore.OpenAsync(dialect, TimeProvider.System, Ct);
        await using var second = await SqlMeasurementStore.OpenAsync(dialect, TimeProvider.System, Ct);
        await using var connection = await dialect.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations";

        Assert.Equal(Migrations.Migration.For(dialect.Name).Count, Convert.ToInt32(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture));
    }
}
