using System.Collections.Concurrent;

using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Promises;
using Monitor.Core.Domain;
using Monitor.Probing;
using Monitor.Storage.Spool;

namespace Monitor.Rounds;

/// <summary>
/// Runs one round: every target probed at once, and every site address a target lists, the
/// measurements kept as one batch through the <see cref="RoundRecorder"/> (spool first, then
/// database). Probing is bounded by the targets' timeouts and is never cut short by shutdown, so the
/// round in flight is always stored. When a target that answered stops answering, a burst starts:
/// the target alone is probed faster (<see cref="BurstPolicy"/>) until it answers again, each burst
/// probe kept as a one-probe round of kind <see cref="ProbeKind.Burst"/>.
/// </summary>
public sealed class RoundRunner : IAsyncDisposable
{
    private readonly DnsProber _prober;
    private readonly RoundRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly BurstPolicy _burst;
    private readonly TimeSpan _interval;
    private readonly IRoundListener? _listener;
    private readonly Dictionary<string, Target> _targetsById;
    private readonly ConcurrentDictionary<string, string> _lastIdentity = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _answering = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _bursts = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _recording = new(1, 1);
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Creates a runner for one vantage point and its targets.</summary>
    /// <param name="vantageId">The vantage point probing.</param>
    /// <param name="targets">The targets of every round.</param>
    /// <param name="prober">Sends the probes.</param>
    /// <param name="recorder">Keeps the rounds.</param>
    /// <param name="time">The clock.</param>
    /// <param name="burst">Burst probing; off when null.</param>
    /// <param name="interval">The time between rounds, for the burst's share of the rate limit; needed when <paramref name="burst"/> is on.</param>
    /// <param name="listener">Hears each round and burst probe once kept (metrics, alerts); none when null.</param>
    public RoundRunner(string vantageId, IReadOnlyList<Target> targets, DnsProber prober, RoundRecorder recorder, TimeProvider time, BurstPolicy? burst = null, TimeSpan? interval = null, IRoundListener? listener = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(vantageId);
        ArgumentNullException.ThrowIfNull(targets);
        VantageId = vantageId;
        Targets = targets;
        _prober = prober ?? throw new ArgumentNullException(nameof(prober));
        _recorder = recorder ?? throw new ArgumentNullException(nameof(recorder));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _burst = burst ?? BurstPolicy.Off;
        _interval = interval ?? TimeSpan.Zero;
        _listener = listener;
        _targetsById = targets.DistinctBy(t => t.Id, StringComparer.Ordinal).ToDictionary(t => t.Id, StringComparer.Ordinal);
    }

    /// <summary>Bursts running now.</summary>
    public int BurstsRunning => _bursts.Count;

    /// <summary>The vantage point probing.</summary>
    public string VantageId { get; }

    /// <summary>The targets of every round.</summary>
    public IReadOnlyList<Target> Targets { get; }

    /// <summary>Probes every target once and keeps the round.</summary>
    /// <param name="scheduled">When the schedule wanted the round to start.</param>
    /// <param name="cancellationToken">Cancels only the storing of a spooled round's predecessors; probing runs to its timeouts.</param>
    public async Task<RoundReport> RunAsync(DateTimeOffset scheduled, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var roundId = Guid.CreateVersion7(started);
        var probes = Targets.Select(t => _prober.ProbeAsync(t, VantageId, CancellationToken.None))
            .Concat(Targets.SelectMany(t => t.Sites.Select(site => ProbeSiteAsync(t, site))));
        var measurements = await Task.WhenAll(probes).ConfigureAwait(false);
        var finished = _time.GetUtcNow();
        var batch = measurements.Select(m => m with { RoundId = roundId }).ToList();
        var round = new Round(roundId, VantageId, scheduled, started, finished, batch.Count, batch.Count(m => m.IsAnswered));

        RecordResult result;
        await _recording.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            result = await _recorder.RecordAsync(round, batch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _recording.Release();
        }

        Tell(new KeptRound(round, batch, _targetsById, result));
        foreach (var (target, m) in Targets.Zip(measurements))
        {
            Observe(target, m);
        }

        var rtts = batch.Where(m => m is { IsAnswered: true, Rtt: not null }).Select(m => m.Rtt!.Value.TotalMilliseconds).Order().ToList();
        double? median = rtts.Count > 0 ? Percentiles.OfSorted(rtts, 0.5) : null;
        return new RoundReport(round, median, IdentityChanges(batch), result.Stored, result.Error, result.Pending);
    }

    /// <summary>Stops the bursts running and waits for their last probes to be stored.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        // The semaphore and token source stay undisposed: a round still in flight may use them.
        await Task.WhenAll(_bursts.Values).ConfigureAwait(false);
    }

    private async Task<Measurement> ProbeSiteAsync(Target target, TargetSite site)
    {
        var m = await _prober.ProbeAsync(target with { Address = site.Address, HostName = null, Sites = [] }, VantageId, CancellationToken.None).ConfigureAwait(false);
        return m with { Kind = ProbeKind.Site, SiteId = site.Id };
    }

    /// <summary>Starts a burst when a target that answered well stops doing so.</summary>
    private void Observe(Target target, Measurement m)
    {
        var good = FailoverDetector.IsGood(m);
        var wasGood = _answering.TryGetValue(target.Id, out var before) && before;
        _answering[target.Id] = good;
        if (good || !wasGood || _stop.IsCancellationRequested || _burst.PeriodFor(target, _interval) is not { } period)
        {
            return;
        }

        lock (_bursts)
        {
            if (!_bursts.ContainsKey(target.Id))
            {
                _bursts[target.Id] = BurstAsync(target, period);
            }
        }
    }

    /// <summary>
    /// One probe every <paramref name="period"/>, each started on time without waiting for the one
    /// before to time out, until one is answered well or the burst's limit has passed. Probes in
    /// flight when the burst ends run to their timeout and are stored.
    /// </summary>
    private async Task BurstAsync(Target target, TimeSpan period)
    {
        await Task.Yield();
        var until = _time.GetUtcNow() + _burst.Limit;
        var inflight = new List<Task>();
        var answered = new CancellationTokenSource();
        try
        {
            while (_time.GetUtcNow() < until && !answered.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, answered.Token);
                await Task.Delay(period, _time, wait.Token).ConfigureAwait(false);
                inflight.RemoveAll(t => t.IsCompleted);
                inflight.Add(BurstProbeAsync(target, answered));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested || answered.IsCancellationRequested)
        {
            // Answered, or shutting down: the probes taken are stored; no further one is sent.
        }
        finally
        {
            await Task.WhenAll(inflight).ConfigureAwait(false);
            answered.Dispose();
            _bursts.TryRemove(target.Id, out _);
        }
    }

    private async Task BurstProbeAsync(Target target, CancellationTokenSource answered)
    {
        var m = await _prober.ProbeAsync(target with { Sites = [] }, VantageId, CancellationToken.None).ConfigureAwait(false);
        var round = new Round(Guid.CreateVersion7(m.Started), VantageId, m.Started, m.Started, _time.GetUtcNow(), 1, m.IsAnswered ? 1 : 0) { Kind = ProbeKind.Burst };
        Measurement[] batch = [m with { RoundId = round.Id, Kind = ProbeKind.Burst }];
        RecordResult? result = null;
        await _recording.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            result = await _recorder.RecordAsync(round, batch, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SpoolFullException)
        {
            // Neither database nor spool takes more: the regular rounds report it.
        }
        finally
        {
            _recording.Release();
        }

        Tell(new KeptRound(round, batch, _targetsById, result));
        if (FailoverDetector.IsGood(m))
        {
            _answering[target.Id] = true;

            // Disposed only after every probe of the burst has finished, so this cannot race it.
            await answered.CancelAsync().ConfigureAwait(false);
        }
    }

    private void Tell(KeptRound kept)
    {
        if (_listener is not null)
        {
            RoundListeners.Tell(_listener, kept);
        }
    }

    private List<(string Target, string From, string To)> IdentityChanges(IEnumerable<Measurement> batch)
    {
        var changes = new List<(string, string, string)>();
        foreach (var m in batch.Where(m => !m.Identity.IsEmpty))
        {
            var now = m.Identity.ToString();
            if (_lastIdentity.TryGetValue(m.TargetId, out var before) && before != now)
            {
                changes.Add((m.TargetId, before, now));
            }

            _lastIdentity[m.TargetId] = now;
        }

        return changes;
    }
}
