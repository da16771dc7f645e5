using Hangfire;
using Hangfire.Server;

using Monitor.Rounds;

namespace Monitor.Cli.Scheduling;

/// <summary>
/// The Hangfire job of one round. It works out the schedule occurrence the round belongs to from
/// the job's creation time, refuses a stale job (a round that waited past its interval, e.g. while
/// the process was down: missed rounds are gaps, never back-filled) and runs the round.
/// </summary>
public sealed class RoundJob
{
    private readonly RoundRunner _runner;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly IRoundObserver _observer;

    /// <summary>Creates the job; Hangfire gets this instance from <see cref="SingleJobActivator"/>.</summary>
    public RoundJob(RoundRunner runner, TimeSpan interval, TimeProvider time, IRoundObserver observer)
    {
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        _interval = interval;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _observer = observer ?? throw new ArgumentNullException(nameof(observer));
    }

    /// <summary>Runs one round for <paramref name="vantageId"/>; Hangfire supplies <paramref name="context"/>.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task ExecuteAsync(string vantageId, PerformContext? context)
    {
        if (!string.Equals(vantageId, _runner.VantageId, StringComparison.Ordinal) || !_observer.Accepting)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var (scheduled, stale) = RecurringOccurrence.Of(context, now, _interval);
        if (!_observer.TryClaim(scheduled))
        {
            return; // the local clock ran it already, or the run is ending
        }

        if (stale)
        {
            _observer.Skipped(scheduled, now);
            return;
        }

        // Probing is bounded by timeouts and not cancelled on shutdown: the round in flight is stored.
        RoundReport report;
        try
        {
            report = await _runner.RunAsync(scheduled, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _observer.Failed(scheduled, ex);
            throw; // Hangfire records the failed job too
        }

        _observer.Completed(report);
    }
}
