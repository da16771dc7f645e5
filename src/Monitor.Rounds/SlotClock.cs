namespace Monitor.Rounds;

/// <summary>
/// The local clock that backs up a scheduler which may fail to start a round (Hangfire's job storage
/// unwritable, the server's dispatch not arriving): which slot to watch next, and how long to leave
/// the scheduler its chance first.
/// </summary>
public static class SlotClock
{
    /// <summary>How long after a slot the local clock waits for the scheduler: half the interval, at most 5 s.</summary>
    public static TimeSpan Grace(TimeSpan interval) => TimeSpan.FromTicks(Math.Min(interval.Ticks / 2, TimeSpan.FromSeconds(5).Ticks));

    /// <summary>
    /// The slot after <paramref name="previous"/> on the grid, tick by tick so that a slow round never
    /// makes the clock skip one; after a stall of a whole interval or more (or with no previous slot),
    /// the next slot still ahead of <paramref name="now"/>: missed slots are never back-filled.
    /// </summary>
    public static DateTimeOffset Next(DateTimeOffset? previous, DateTimeOffset now, TimeSpan interval) =>
        previous is { } p && p + interval > now - interval ? p + interval : CronSchedule.Floor(now, interval) + interval;
}
