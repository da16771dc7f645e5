using System.Globalization;

using Monitor.Core.Domain;
using Monitor.Core.Text;
using Monitor.Probing;
using Monitor.Storage;
using Monitor.Storage.Spool;

namespace Monitor.Rounds;

/// <summary>
/// One vantage point's worker. Rounds normally arrive from the server through the worker's Hangfire
/// queue. The worker also keeps its own clock on the schedule: when the database cannot be reached
/// (and with it Hangfire), it runs each round itself and spools it, so a partition loses nothing;
/// the spool is written once the database is back, idempotently by id. A round is run at most once
/// per scheduled instant, whoever asks for it. Disposing it ends its bursts.
/// </summary>
public sealed class Worker : IAsyncDisposable
{
    private readonly IWorkerBoard _store;
    private readonly RoundRecorder _recorder;
    private readonly DnsProber _prober;
    private readonly TimeProvider _time;
    private readonly TextWriter _output;
    private readonly string _scheduleId;
    private readonly IRoundListener? _listener;
    private readonly SlotClaims _claimed = new();
    private readonly Lock _gate = new();
    private readonly List<Task> _retired = [];
    private RoundRunner? _runner;
    private Schedule? _schedule;
    private volatile bool _databaseReachable = true;
    private long _lastDispatchedTicks;
    private long _lastUnreachableTicks;
    private int _rounds;

    /// <summary>Creates a worker; <paramref name="listener"/>, when given, hears every round kept (metrics, alerts).</summary>
    public Worker(VantagePoint vantage, IWorkerBoard store, RoundRecorder recorder, DnsProber prober, TimeProvider time, TextWriter output, string scheduleId, IRoundListener? listener = null)
    {
        Vantage = vantage;
        _store = store;
        _recorder = recorder;
        _prober = prober;
        _time = time;
        _output = output;
        _scheduleId = scheduleId;
        _listener = listener;
    }

    /// <summary>The vantage point.</summary>
    public VantagePoint Vantage { get; }

    /// <summary>Rounds run so far.</summary>
    public int Rounds => Volatile.Read(ref _rounds);

    /// <summary>Reads the published schedule and targets; false when none is published yet.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        var published = await _store.ReadScheduleAsync(_scheduleId, cancellationToken).ConfigureAwait(false);
        if (published is not { } p)
        {
            return false;
        }

        lock (_gate)
        {
            var timeout = p.Schedule.Timeout;
            var targets = p.Targets.Select(t => t.Timeout is null ? t with { Timeout = timeout } : t).ToList();
            if (_runner is null || _schedule != p.Schedule || !_runner.Targets.SequenceEqual(targets))
            {
                if (_runner is { } old)
                {
                    _retired.Add(old.DisposeAsync().AsTask());
                }

                _runner = new RoundRunner(Vantage.Id, targets, _prober, _recorder, _time, p.Schedule.Burst, p.Schedule.Interval, _listener);
                _schedule = p.Schedule;
            }
        }

        return true;
    }

    /// <summary>A round the server dispatched.</summary>
    public async Task RunScheduledAsync(string vantageId, long scheduledUs)
    {
        if (!string.Equals(vantageId, Vantage.Id, StringComparison.Ordinal))
        {
            // Queues are per vantage point, so this never happens; if it did, the round is not ours.
            _output.WriteLine($"ignored a round meant for vantage point '{vantageId}'");
            return;
        }

        Volatile.Write(ref _lastDispatchedTicks, _time.GetUtcNow().UtcTicks);
        await RunAsync(UnixTime.FromMicroseconds(scheduledUs), "dispatched").ConfigureAwait(false);
    }

    /// <summary>Heartbeats and schedule refreshes until cancelled; tracks whether the database is reachable.</summary>
    public async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var offset = await _store.HeartbeatAsync(Vantage.Id, _time, cancellationToken).ConfigureAwait(false);
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
                if (!_databaseReachable)
                {
                    _output.WriteLine($"{OutputWords.Utc(_time.GetUtcNow())}  database reachable again (clock offset {offset.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms)");
                }

                _databaseReachable = true;
                await _recorder.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (RoundRecorder.IsUnavailable(ex))
            {
                if (_databaseReachable)
                {
                    _output.WriteLine($"{OutputWords.Utc(_time.GetUtcNow())}  database unreachable ({ex.Message}); probing on the local schedule and spooling");
                }

                _databaseReachable = false;
                Volatile.Write(ref _lastUnreachableTicks, _time.GetUtcNow().UtcTicks);
            }

            await Task.Delay(HeartbeatInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs rounds the server could not dispatch while the database is unreachable.</summary>
    public async Task FallbackLoopAsync(CancellationToken cancellationToken)
    {
        var running = new List<Task>();
        DateTimeOffset? previous = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var interval = _schedule?.Interval ?? TimeSpan.FromSeconds(1);
            var now = _time.GetUtcNow();

            var next = SlotClock.Next(previous, now, interval);
            previous = next;

            // Give the dispatched job its chance first. Step in when the database is away or was away
            // lately (Hangfire takes tens of seconds to recover its processes after a database restart),
            // or when the server dispatched lately but not this round. A server silent for longer
            // than ServerSilence, with the database fine all along, was stopped on purpose: then the
            // worker waits.
            var wait = next + SlotClock.Grace(interval) - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            var at = _time.GetUtcNow();
            var silence = ServerSilence(interval);
            var lastDispatched = new DateTimeOffset(Volatile.Read(ref _lastDispatchedTicks), TimeSpan.Zero);
            var lastUnreachable = new DateTimeOffset(Volatile.Read(ref _lastUnreachableTicks), TimeSpan.Zero);
            if (!_databaseReachable || at - lastUnreachable < silence || at - lastDispatched < silence)
            {
                running.RemoveAll(t => t.IsCompleted);
                running.Add(RunAsync(next, _databaseReachable ? "local (not dispatched)" : "local"));
            }
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>Ends the bursts of the current and earlier runners, once their probes are stored.</summary>
    public async ValueTask DisposeAsync()
    {
        List<Task> pending;
        lock (_gate)
        {
            pending = [.. _retired];
            if (_runner is { } runner)
            {
                pending.Add(runner.DisposeAsync().AsTask());
                _runner = null;
            }
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    /// <summary>How long without a dispatched round before the worker takes the server for stopped: 2 min, or 5 intervals if longer.</summary>
    public static TimeSpan ServerSilence(TimeSpan interval) => TimeSpan.FromTicks(Math.Max(5 * interval.Ticks, TimeSpan.FromMinutes(2).Ticks));

    private TimeSpan HeartbeatInterval =>
        TimeSpan.FromTicks(Math.Clamp((_schedule?.Interval ?? TimeSpan.FromSeconds(2)).Ticks / 2, TimeSpan.FromMilliseconds(500).Ticks, TimeSpan.FromSeconds(5).Ticks));

    private async Task RunAsync(DateTimeOffset scheduled, string how)
    {
        RoundRunner? runner;
        TimeSpan interval;
        lock (_gate)
        {
            runner = _runner;
            interval = _schedule?.Interval ?? TimeSpan.Zero;
            if (runner is null || !_claimed.TryClaim(scheduled, interval))
            {
                return;
            }
        }

        var late = _time.GetUtcNow() - scheduled;
        if (late >= interval)
        {
            _output.WriteLine($"{OutputWords.Utc(scheduled)}  round skipped: {how} {late.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s late (a gap, not back-filled)");
            return;
        }

        var report = await runner.RunAsync(scheduled, CancellationToken.None).ConfigureAwait(false);
        Interlocked.Increment(ref _rounds);
        var stored = report.Stored ? "stored" : $"spooled ({report.Pending} waiting)";
        _output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{OutputWords.Utc(scheduled)}  {Vantage.Id}: {report.Round.Answered}/{report.Round.Probes} answered  median {OutputWords.Ms(report.MedianRttMs)} ms  {how}, {stored}"));
    }
}
