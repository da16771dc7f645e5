using System.Net;

using Monitor.Core.Domain;
using Monitor.Probing;
using Monitor.Rounds;
using Monitor.Storage;
using Monitor.Storage.Spool;
using Monitor.Storage.Sql;
using Monitor.Testing;

namespace Monitor.Rounds.Tests;

/// <summary>Rounds with site probes and bursts, against in-process servers on loopback and a real SQLite store.</summary>
public sealed class RoundRunnerTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);
    private static readonly BurstPolicy FastBurst = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(20), 100);

    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-runner-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static FakeDnsServer Answering(string identity, Func<bool>? silent = null) =>
        FakeDnsServer.Start(q => silent?.Invoke() == true ? [] : [new FakeReply(DnsMessageBuilder.ResponseTo(q).Txt(q.Name, q.QClass, identity).Build())]);

    private static Target TargetAt(IPEndPoint endPoint, string id = "t") =>
        new(id, endPoint.Address) { Port = endPoint.Port, Timeout = Timeout, Identity = IdentityMethods.IdServer };

    private async Task<(SqlMeasurementStore Store, RoundRecorder Recorder)> OpenAsync()
    {
        var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(Path.Combine(_directory, "r.db")), TimeProvider.System, Ct);
        return (store, new RoundRecorder(store, new RoundSpool(Path.Combine(_directory, "spool"))));
    }

    private static async Task<List<Measurement>> AllAsync(SqlMeasurementStore store) =>
        await store.ReadMeasurementsAsync(MeasurementQuery.All with { AllKinds = true }, Ct).ToListAsync(Ct);

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            await Task.Delay(50, limit.Token);
        }
    }

    [Fact]
    public async Task RunAsync_TargetWithSites_ProbesEverySiteAddressAsSiteProbes()
    {
        var (store, recorder) = await OpenAsync();
        await using var server = Answering("ams1");

        // Site probes go to the target's port on each site's address: 127.0.0.1 is the server itself,
        // on 127.0.0.2 nothing listens on that port.
        var target = TargetAt(server.EndPoint) with
        {
            Sites = [new TargetSite("here", IPAddress.Loopback), new TargetSite("gone", IPAddress.Parse("127.0.0.2"))],
        };
        await using var runner = new RoundRunner("vp", [target], new DnsProber(TimeProvider.System), recorder, TimeProvider.System);

        var report = await runner.RunAsync(DateTimeOffset.UtcNow, Ct);

        var stored = await AllAsync(store);
        Assert.Equal(3, report.Round.Probes);
        Assert.Equal(2, server.QueriesReceived);
        var sites = stored.Where(m => m.Kind == ProbeKind.Site).OrderBy(m => m.SiteId, StringComparer.Ordinal).ToList();
        Assert.Equal(["gone", "here"], sites.Select(m => m.SiteId));
        Assert.NotEqual(ProbeOutcome.Answered, sites[0].Outcome);
        Assert.Equal(("ams1", ProbeOutcome.Answered), (sites[1].Identity.IdServer?.Text, sites[1].Outcome));
        Assert.All(stored, m => Assert.Equal("t", m.TargetId));
        Assert.Equal([ProbeKind.Regular], (await store.ReadMeasurementsAsync(MeasurementQuery.All, Ct).ToListAsync(Ct)).Select(m => m.Kind));
    }

    [Fact]
    public async Task RunAsync_TargetStopsAnswering_BurstsUntilItAnswersAgain()
    {
        var (store, recorder) = await OpenAsync();
        var silent = false;
        await using var server = Answering("ams1", () => Volatile.Read(ref silent));
        await using var runner = new RoundRunner("vp", [TargetAt(server.EndPoint)], new DnsProber(TimeProvider.System), recorder, TimeProvider.System, FastBurst, TimeSpan.FromSeconds(1));

        await runner.RunAsync(DateTimeOffset.UtcNow, Ct);
        Volatile.Write(ref silent, true);
        await runner.RunAsync(DateTimeOffset.UtcNow, Ct);
        Assert.Equal(1, runner.BurstsRunning);
        await UntilAsync(async () => (await AllAsync(store)).Count(m => m.Kind == ProbeKind.Burst) >= 3);
        Volatile.Write(ref silent, false);
        await UntilAsync(() => Task.FromResult(runner.BurstsRunning == 0));

        var stored = await AllAsync(store);
        var bursts = stored.Where(m => m.Kind == ProbeKind.Burst).OrderBy(m => m.Started).ToList();
        Assert.True(bursts.Count >= 4, $"{bursts.Count} burst probes");

        // The first three were stored while the server was silent; probes sent after it spoke again
        // may answer together before the burst stops, so only the last one is sure to be an answer.
        Assert.All(bursts[..3], m => Assert.Equal(ProbeOutcome.Timeout, m.Outcome));

        // Burst probes start on their own cadence, not after the previous one timed out: they overlap.
        Assert.Contains(bursts.Zip(bursts.Skip(1)), p => p.Second.Started - p.First.Started < Timeout);
        Assert.Equal(ProbeOutcome.Answered, bursts[^1].Outcome);
        Assert.Equal(2, stored.Count(m => m.Kind == ProbeKind.Regular));

        // Each burst probe is its own burst round; regular rounds stay two.
        Assert.Equal(2, (await store.ReadRoundsAsync(MeasurementQuery.All, Ct)).Count);
        Assert.Equal(bursts.Count, (await store.ReadRoundsAsync(MeasurementQuery.All with { AllKinds = true }, Ct)).Count(r => r.Kind == ProbeKind.Burst));
    }

    [Fact]
    public async Task RunAsync_TargetThatNeverAnswered_NoBurst()
    {
        var (store, recorder) = await OpenAsync();
        await using var server = FakeDnsServer.Silent();
        await using var runner = new RoundRunner("vp", [TargetAt(server.EndPoint)], new DnsProber(TimeProvider.System), recorder, TimeProvider.System, FastBurst, TimeSpan.FromSeconds(1));

        await runner.RunAsync(DateTimeOffset.UtcNow, Ct);
        await runner.RunAsync(DateTimeOffset.UtcNow, Ct);

        Assert.Equal(0, runner.BurstsRunning);
        Assert.Equal(2, (await AllAsync(store)).Count);
    }

    [Fact]
    public async Task RunAsync_RateLimitLeavesNoRoom_NoBurst()
    {
        var (_, recorder) = await OpenAsync();
        var silent = false;
        await using var server = Answering("ams1", () => Volatile.Read(ref silent));

        // 1 query per second per target, rounds every second: the rounds use the whole budget.
        await using var runner = new RoundRunner("vp", [TargetAt(server.EndPoint)], new DnsProber(TimeProvider.System), recorder, TimeProvider.System, BurstPolicy.Default, TimeSpan.FromSeconds(1));
        await runner.RunAsync(DateTimeOffset.UtcNow, Ct);
        Volatile.Write(ref silent, true);
        await runner.RunAsync(DateTimeOffset.UtcNow, Ct);

        Assert.Equal(0, runner.BurstsRunning);
    }

    [Fact]
    public async Task DisposeAsync_StopsARunningBurst_AndKeepsItsProbes()
    {
        var (store, recorder) = await OpenAsync();
        var silent = false;
        await using var server = Answering("ams1", () => Volatile.Read(ref silent));
        var runner = new RoundRunner("vp", [TargetAt(server.EndPoint)], new DnsProber(TimeProvider.System), recorder, TimeProvider.System, FastBurst, TimeSpan.FromSeconds(1));
        await runner.RunAsync(DateTimeOffset.UtcNow, Ct);
        Volatile.Write(ref silent, true);
        await runner.RunAsync(DateTimeOffset.UtcNow, Ct);
        await UntilAsync(async () => (await AllAsync(store)).Exists(m => m.Kind == ProbeKind.Burst));

        await runner.DisposeAsync();

        Assert.Equal(0, runner.BurstsRunning);
        var count = (await AllAsync(store)).Count;
        await Task.Delay(400, Ct);
        Assert.Equal(count, (await AllAsync(store)).Count);
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory, "spool"), "*.json"));
    }

    [Fact]
    public async Task RunAsync_WithListener_HearsEachRoundAndBurstProbeOnceKept()
    {
        var (store, recorder) = await OpenAsync();
        var silent = false;
        await using var server = Answering("ams1", () => Volatile.Read(ref silent));
        var heard = new Recording();
        await using var runner = new RoundRunner("vp", [TargetAt(server.EndPoint) with { Provider = "p" }], new DnsProber(TimeProvider.System), recorder, TimeProvider.System, FastBurst, TimeSpan.FromSeconds(1), heard);

        var first = await runner.RunAsync(DateTimeOffset.UtcNow, Ct);
        Volatile.Write(ref silent, true);
        await runner.RunAsync(DateTimeOffset.UtcNow, Ct);
        await UntilAsync(() => Task.FromResult(heard.Rounds.Any(r => r.Round.Kind == ProbeKind.Burst)));
        await runner.DisposeAsync();

        var regular = heard.Rounds.Where(r => r.Round.Kind == ProbeKind.Regular).ToList();
        Assert.Equal(2, regular.Count);
        Assert.Equal(first.Round.Id, regular[0].Round.Id);
        Assert.Equal(ProbeOutcome.Answered, Assert.Single(regular[0].Measurements).Outcome);
        Assert.Equal("p", regular[0].Targets["t"].Provider);
        Assert.All(heard.Rounds, r => Assert.True(r.Result?.Stored));
        var stored = await AllAsync(store);
        // The store names probed rows by its own derived ids (issue 17), so rows are matched by what they measured (to the microsecond, as stored).
        Assert.Equal(stored.Select(m => (m.Started.UtcTicks / 10, m.TargetId, m.Kind, m.Outcome)).Order(), heard.Rounds.SelectMany(r => r.Measurements).Select(m => (m.Started.UtcTicks / 10, m.TargetId, m.Kind, m.Outcome)).Order());
    }

    [Fact]
    public async Task RunAsync_ListenerThrows_RoundStillKeptAndReported()
    {
        var (store, recorder) = await OpenAsync();
        await using var server = Answering("ams1");
        await using var runner = new RoundRunner("vp", [TargetAt(server.EndPoint)], new DnsProber(TimeProvider.System), recorder, TimeProvider.System, listener: new RoundListeners(new Throwing(), new Recording()));

        var report = await runner.RunAsync(DateTimeOffset.UtcNow, Ct);

        Assert.True(report.Stored);
        Assert.Single(await AllAsync(store));
    }

    private sealed class Recording : IRoundListener
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<KeptRound> _rounds = new();

        public IReadOnlyList<KeptRound> Rounds => [.. _rounds];

        public void Kept(KeptRound round) => _rounds.Enqueue(round);
    }

    private sealed class Throwing : IRoundListener
    {
        public void Kept(KeptRound round) => throw new InvalidOperationException("a listener's bug");
    }
}
