using Hangfire;

using Monitor.Rounds;

namespace Monitor.Cli.Distributed;

/// <summary>A worker's round for one scheduled instant, delivered on the worker's own queue.</summary>
public sealed class WorkerRoundJob(Worker worker)
{
    /// <summary>Runs the round unless it is stale, already run, or meant for another vantage point.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task ExecuteAsync(string vantageId, long scheduledUs) => worker.RunScheduledAsync(vantageId, scheduledUs);
}
