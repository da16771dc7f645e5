using Hangfire;
using Hangfire.Storage.SQLite;

using Monitor.Core.Text;
using Monitor.Rounds;

namespace Monitor.Cli.Scheduling;

/// <summary>
/// Scheduler and worker in one process, on Hangfire with its SQLite job storage: a recurring job per
/// target set at the interval (seconds-granular cron, UTC, missed occurrences ignored), consumed from
/// the queue named after the vantage point. Both the recurring-job poll and the queue poll are
/// lowered from Hangfire's 15 s defaults, or rounds run late and bunch up.
/// <para>
/// Measuring must not depend on the job storage being writable: a local clock watches the same
/// grid, and a slot that Hangfire has not started within <see cref="Grace"/> is run by the local
/// clock instead (the job storage's disk is full, its file is locked or unreadable, its processes
/// are backing off after an error). Every slot is claimed once, whoever runs it, so no round runs
/// twice; with <c>--rounds N</c> no more than N start. It warns only when it really takes over
/// (<see cref="TakeOverNotices"/>), not for the slots it covers while Hangfire starts up.
/// </para>
/// </summary>
public sealed class EmbeddedScheduler
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly string _jobDatabase;
    private readonly RoundRunner _runner;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _maxRound;
    private readonly TimeProvider _time;

    /// <summary>Creates a scheduler keeping Hangfire's jobs in <paramref name="jobDatabase"/>.</summary>
    public EmbeddedScheduler(string jobDatabase, RoundRunner runner, TimeSpan interval, TimeSpan maxRound, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobDatabase);
        _jobDatabase = jobDatabase;
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        _interval = interval;
        _maxRound = maxRound;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        Cron = CronSchedule.For(interval);
    }

    /// <summary>The cron expression rounds follow.</summary>
    public string Cron { get; }

    /// <summary>The recurring job's id.</summary>
    public string RecurringJobId => $"round-{_runner.VantageId}";

    /// <summary>How long after a slot the local clock waits for Hangfire to start its round: half the interval, at most 5 s.</summary>
    public TimeSpan Grace => SlotClock.Grace(_interval);

    /// <summary>
    /// Runs rounds until <paramref name="rounds"/> have completed, <paramref name="duration"/> has
    /// passed, or <paramref name="cancellationToken"/> fires; then lets the rounds in flight finish.
    /// </summary>
    /// <param name="rounds">Rounds to run, or null for no limit.</param>
    /// <param name="duration">How long to run, or null for no limit.</param>
    /// <param name="onRound">Hears each completed round, one call at a time.</param>
    /// <param name="onSkipped">Hears each slot not run because its round would have started a whole interval late.</param>
    /// <param name="onNotice">Hears warnings: the job storage failing, the local clock taking over, Hangfire back.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>Rounds completed.</returns>
    public async Task<int> RunAsync(int? rounds, TimeSpan? duration, Action<RoundReport> onRound, Action<DateTimeOffset, DateTimeOffset> onSkipped, Action<string> onNotice, CancellationToken cancellationToken)
    {
        var observer = new Observer(rounds, _interval, new TakeOverNotices(_interval, _time.GetUtcNow()), onRound, onSkipped, onNotice);
        using var stopLocal = new CancellationTokenSource();
        BackgroundJobServer? server = null;
        RecurringJobManager? manager = null;
        try
        {
            var storage = new SQLiteStorage(_jobDatabase, new SQLiteStorageOptions { QueuePollInterval = PollInterval });
            var job = new RoundJob(_runner, _interval, _time, observer);
            var options = new BackgroundJobServerOptions
            {
                ServerName = $"monitor-{_runner.VantageId}-{Environment.ProcessId}",
                Queues = [_runner.VantageId],
                WorkerCount = 1,
                SchedulePollingInterval = PollInterval,
                Activator = new SingleJobActivator(job),
                ShutdownTimeout = _maxRound + TimeSpan.FromSeconds(10),
            };
            manager = new RecurringJobManager(storage);
            server = new BackgroundJobServer(options, storage);
            manager.AddOrUpdate<RoundJob>(
                RecurringJobId,
                _runner.VantageId,
                j => j.ExecuteAsync(_runner.VantageId, null),
                Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Ignorable });
        }
#pragma warning disable CA1031 // whatever the job storage throws, measuring goes on by the local clock
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            onNotice($"warning: the scheduler's job storage {_jobDatabase} cannot be used ({ex.GetType().Name}: {ex.Message}); rounds run on the local clock");
            StopServer(server, manager: null);
            server = null;
            manager = null;
            observer.OnLocalClock();
        }

        var local = LocalClockAsync(observer, server is null ? TimeSpan.Zero : Grace, stopLocal.Token);
        try
        {
            var stop = new List<Task> { observer.Done, Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken) };
            if (duration is { } d)
            {
                stop.Add(Task.Delay(d, _time, cancellationToken));
            }

            await Task.WhenAny(stop).ConfigureAwait(false);
        }
        finally
        {
            observer.Accepting = false;
            await stopLocal.CancelAsync().ConfigureAwait(false);

            // Disposing the server waits (up to ShutdownTimeout) for its round in flight, which is then stored.
            StopServer(server, manager);
            await local.ConfigureAwait(false);
        }

        return observer.Count;
    }

    private void StopServer(BackgroundJobServer? server, RecurringJobManager? manager)
    {
        try
        {
            manager?.RemoveIfExists(RecurringJobId);
        }
#pragma warning disable CA1031 // whatever the job storage throws, the rounds already stored must not be lost to a crash
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            // The job storage cannot be written (e.g. the disk is full); the recurring job is
            // replaced by AddOrUpdate on the next run anyway.
        }

        server?.SendStop();
        server?.Dispose();
    }

    /// <summary>
    /// Walks the slot grid; at each slot plus <paramref name="grace"/>, runs the slot's round unless
    /// Hangfire has claimed it. Slots already past when the loop gets to them are not back-filled.
    /// Ends when <paramref name="stop"/> fires, after its rounds in flight are done.
    /// </summary>
    private async Task LocalClockAsync(Observer observer, TimeSpan grace, CancellationToken stop)
    {
        var running = new List<Task>();
        DateTimeOffset? previous = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var next = SlotClock.Next(previous, _time.GetUtcNow(), _interval);
                previous = next;
                var wait = next + grace - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, stop).ConfigureAwait(false);
                }

                if (observer.TryClaim(next, byLocalClock: true))
                {
                    running.RemoveAll(t => t.IsCompleted);
                    running.Add(RunLocallyAsync(observer, next));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the run is ending
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task RunLocallyAsync(Observer observer, DateTimeOffset scheduled)
    {
        var now = _time.GetUtcNow();
        if (now - scheduled >= _interval)
        {
            observer.Skipped(scheduled, now);
            return;
        }

        RoundReport report;
        try
        {
            // Probing is bounded by timeouts and not cancelled on shutdown: the round in flight is stored.
            report = await _runner.RunAsync(scheduled, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // one failed round must not end the run; the next slot is tried anyway
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            observer.Failed(scheduled, ex);
            return;
        }

        observer.Completed(report);
    }

    /// <summary>Claims slots for Hangfire or the local clock, counts rounds, and serializes what the caller hears.</summary>
    private sealed class Observer(int? rounds, TimeSpan interval, TakeOverNotices notices, Action<RoundReport> onRound, Action<DateTimeOffset, DateTimeOffset> onSkipped, Action<string> onNotice) : IRoundObserver
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();
        private readonly SlotClaims _claimed = new();
        private int _started;
        private int _count;
        private volatile bool _accepting = true;

        public Task Done => _done.Task;

        public int Count => Volatile.Read(ref _count);

        public bool Accepting
        {
            get => _accepting;
            set => _accepting = value;
        }

        public bool TryClaim(DateTimeOffset scheduled) => TryClaim(scheduled, byLocalClock: false);

        public bool TryClaim(DateTimeOffset scheduled, bool byLocalClock)
        {
            lock (_gate)
            {
                if (!_accepting || _started >= rounds || !_claimed.TryClaim(scheduled, interval))
                {
                    return false;
                }

                _started++;
                if (notices.Claimed(scheduled, byLocalClock) is { } notice)
                {
                    onNotice(notice);
                }

                return true;
            }
        }

        /// <summary>Rounds run on the local clock from the start: no notice when it claims its first slot.</summary>
        public void OnLocalClock()
        {
            lock (_gate)
            {
                notices.StorageUnusable();
            }
        }

        public void Completed(RoundReport report)
        {
            lock (_gate)
            {
                onRound(report);
                if (++_count >= rounds)
                {
                    _accepting = false;
                    _done.TrySetResult();
                }
            }
        }

        public void Skipped(DateTimeOffset scheduled, DateTimeOffset now)
        {
            lock (_gate)
            {
                _started--; // a gap is not a round: with --rounds N, N rounds still run
                onSkipped(scheduled, now);
            }
        }

        public void Failed(DateTimeOffset scheduled, Exception exception)
        {
            lock (_gate)
            {
                _started--;
                onNotice($"warning: the round of {OutputWords.Utc(scheduled)} failed: {exception.GetType().Name}: {exception.Message}");
            }
        }
    }
}
