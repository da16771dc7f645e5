using Hangfire;
using Hangfire.Storage.SQLite;

namespace Monitor.Cli.Scheduling;

/// <summary>
/// Scheduler and worker in one process, on Hangfire with its SQLite job storage: a recurring job per
/// target set at the interval (seconds-granular cron, UTC, missed occurrences ignored), consumed from
/// the queue named after the vantage point. Both the recurring-job poll and the queue poll are
/// lowered from Hangfire's 15 s defaults, or rounds run late and bunch up.
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

    /// <summary>
    /// Runs rounds until <paramref name="rounds"/> have completed, <paramref name="duration"/> has
    /// passed, or <paramref name="cancellationToken"/> fires; then lets the round in flight finish.
    /// </summary>
    /// <returns>Rounds completed.</returns>
    public async Task<int> RunAsync(int? rounds, TimeSpan? duration, Action<RoundReport> onRound, Action<DateTimeOffset, DateTimeOffset> onSkipped, CancellationToken cancellationToken)
    {
        var observer = new Observer(rounds, onRound, onSkipped);
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
        var manager = new RecurringJobManager(storage);
        using (var server = new BackgroundJobServer(options, storage))
        {
            manager.AddOrUpdate<RoundJob>(
                RecurringJobId,
                _runner.VantageId,
                j => j.ExecuteAsync(_runner.VantageId, null),
                Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Ignorable });

            var stop = new List<Task> { observer.Done, Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken) };
            if (duration is { } d)
            {
                stop.Add(Task.Delay(d, _time, cancellationToken));
            }

            try
            {
                await Task.WhenAny(stop).ConfigureAwait(false);
            }
            finally
            {
                observer.Accepting = false;
                try
                {
                    manager.RemoveIfExists(RecurringJobId);
                }
#pragma warning disable CA1031 // whatever the job storage throws, the rounds already stored must not be lost to a crash
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    // The job storage cannot be written (e.g. the disk is full); the recurring job is
                    // replaced by AddOrUpdate on the next run anyway.
                }

                server.SendStop();
            }

            // Disposing waits (up to ShutdownTimeout) for the round in flight, which is then stored.
        }

        return observer.Count;
    }

    private sealed class Observer(int? rounds, Action<RoundReport> onRound, Action<DateTimeOffset, DateTimeOffset> onSkipped) : IRoundObserver
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public Task Done => _done.Task;

        public int Count => Volatile.Read(ref _count);

        public bool Accepting { get; set; } = true;

        public void Completed(RoundReport report)
        {
            onRound(report);
            if (Interlocked.Increment(ref _count) >= rounds)
            {
                Accepting = false;
                _done.TrySetResult();
            }
        }

        public void Skipped(DateTimeOffset scheduled, DateTimeOffset now) => onSkipped(scheduled, now);
    }
}
