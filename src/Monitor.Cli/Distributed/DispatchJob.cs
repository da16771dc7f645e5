using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.States;

using Monitor.Cli.Scheduling;
using Monitor.Core.Text;
using Monitor.Storage;

namespace Monitor.Cli.Distributed;

/// <summary>
/// The server's recurring job: at each scheduled instant, one round job per live worker, on the
/// queue named after its vantage point. A worker is live when its heartbeat is recent; a dead
/// worker gets nothing, so its rounds never pile up and its silence is a gap, not loss.
/// </summary>
public sealed class DispatchJob
{
    private readonly IWorkerBoard _store;
    private readonly IBackgroundJobClient _client;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Action<string> _log;

    /// <summary>Creates the job.</summary>
    public DispatchJob(IWorkerBoard store, IBackgroundJobClient client, TimeSpan interval, TimeProvider time, Action<string> log)
    {
        _store = store;
        _client = client;
        _interval = interval;
        _time = time;
        _log = log;
    }

    /// <summary>How recent a heartbeat must be for its worker to get rounds: three intervals, at least 15 s.</summary>
    public TimeSpan LiveWindow => TimeSpan.FromTicks(Math.Max(3 * _interval.Ticks, TimeSpan.FromSeconds(15).Ticks));

    /// <summary>Dispatches one scheduled instant.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task ExecuteAsync(PerformContext? context)
    {
        var now = _time.GetUtcNow();
        var (scheduled, stale) = RecurringOccurrence.Of(context, now, _interval);
        if (stale)
        {
            _log($"{OutputWords.Utc(scheduled)}  dispatch skipped: started a whole interval late");
            return;
        }

        var workers = await _store.ReadWorkersAsync(CancellationToken.None).ConfigureAwait(false);
        var live = workers.Where(w => now - w.Heartbeat <= LiveWindow).Select(w => w.VantageId).ToList();
        var scheduledUs = UnixTime.ToMicroseconds(scheduled);
        foreach (var vantage in live)
        {
            _client.Create(Job.FromExpression<WorkerRoundJob>(j => j.ExecuteAsync(vantage, scheduledUs)), new EnqueuedState(vantage));
        }

        _log($"{OutputWords.Utc(scheduled)}  dispatched to {live.Count} worker(s): {string.Join(", ", live)}");
    }
}
