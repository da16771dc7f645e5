namespace Monitor.Core.Domain;

/// <summary>
/// Burst probing: once a target that answered stops answering, it is probed every
/// <see cref="Interval"/> until it answers well again or <see cref="Limit"/> has passed, so a failover
/// is timed to a fraction of the round interval. Bursts stay within <see cref="RateLimit"/> queries
/// per second per target (the regular rounds' share included): where the limit leaves no room the
/// burst is slower, or none.
/// </summary>
/// <param name="Interval">The fastest time between burst probes; <see cref="TimeSpan.Zero"/> turns bursts off.</param>
/// <param name="Limit">How long a burst lasts at most.</param>
/// <param name="RateLimit">Queries per second per target per vantage point, all probes together.</param>
public sealed record BurstPolicy(TimeSpan Interval, TimeSpan Limit, double RateLimit)
{
    /// <summary>The default rate limit: 1 query per second per target per vantage point.</summary>
    public const double DefaultRateLimit = 1;

    /// <summary>Every 250 ms for up to 60 s, within 1 query/s.</summary>
    public static BurstPolicy Default { get; } = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(60), DefaultRateLimit);

    /// <summary>No bursts.</summary>
    public static BurstPolicy Off { get; } = new(TimeSpan.Zero, TimeSpan.Zero, DefaultRateLimit);

    /// <summary>True when bursts may run.</summary>
    public bool Enabled => Interval > TimeSpan.Zero && Limit > TimeSpan.Zero;

    /// <summary>
    /// The time between burst probes of <paramref name="target"/> that keeps all its queries within
    /// <see cref="RateLimit"/>, given rounds every <paramref name="roundInterval"/>; null when bursts are
    /// off or the rounds use the whole budget.
    /// </summary>
    public TimeSpan? PeriodFor(Target target, TimeSpan roundInterval)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!Enabled || roundInterval <= TimeSpan.Zero)
        {
            return null;
        }

        var queries = target.QueriesPerProbe;
        var budget = RateLimit - (queries / roundInterval.TotalSeconds);
        if (budget <= 1e-9)
        {
            return null;
        }

        var period = TimeSpan.FromSeconds(queries / budget);
        return period > Interval ? period : Interval;
    }
}
