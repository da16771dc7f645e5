namespace Monitor.Storage;

/// <summary>
/// The one place instants and durations become integers for the database: Unix time and RTT in
/// microseconds, the same on SQLite and PostgreSQL.
/// </summary>
public static class UnixTime
{
    /// <summary>An instant as Unix microseconds.</summary>
    public static long ToMicroseconds(DateTimeOffset instant) =>
        (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>Unix microseconds as a UTC instant.</summary>
    public static DateTimeOffset FromMicroseconds(long microseconds) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (microseconds * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    /// <summary>A duration as whole microseconds, rounded to nearest.</summary>
    public static long ToMicroseconds(TimeSpan duration) =>
        (long)Math.Round(duration.Ticks / (double)TimeSpan.TicksPerMicrosecond, MidpointRounding.AwayFromZero);

    /// <summary>Microseconds as a duration.</summary>
    public static TimeSpan DurationFromMicroseconds(long microseconds) =>
        TimeSpan.FromTicks(microseconds * TimeSpan.TicksPerMicrosecond);
}
