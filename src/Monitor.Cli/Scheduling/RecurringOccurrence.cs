using Hangfire.Server;

using Monitor.Rounds;

namespace Monitor.Cli.Scheduling;

/// <summary>
/// The scheduled instant a recurring Hangfire job belongs to: the cron occurrence at or before the
/// job's creation. A job that starts a whole interval after it is stale: missed rounds are gaps,
/// never back-filled.
/// </summary>
/// <param name="Scheduled">The occurrence.</param>
/// <param name="Stale">True when the job started a whole interval late.</param>
public readonly record struct RecurringOccurrence(DateTimeOffset Scheduled, bool Stale)
{
    /// <summary>The occurrence of the job in <paramref name="context"/> (or of <paramref name="now"/> without one).</summary>
    public static RecurringOccurrence Of(PerformContext? context, DateTimeOffset now, TimeSpan interval)
    {
        var created = context?.BackgroundJob.CreatedAt is { } createdAt
            ? new DateTimeOffset(DateTime.SpecifyKind(createdAt, DateTimeKind.Utc))
            : now;
        var scheduled = CronSchedule.Floor(created, interval);
        return new RecurringOccurrence(scheduled, now - scheduled >= interval);
    }
}
