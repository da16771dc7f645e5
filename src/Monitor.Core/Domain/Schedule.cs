namespace Monitor.Core.Domain;

/// <summary>What the server publishes for its workers: how often rounds run, how long a query waits, and how bursts run.</summary>
/// <param name="Interval">Time between rounds.</param>
/// <param name="Timeout">Default query timeout.</param>
public sealed record Schedule(TimeSpan Interval, TimeSpan Timeout)
{
    /// <summary>Burst probing and the rate limit.</summary>
    public BurstPolicy Burst { get; init; } = BurstPolicy.Default;
}
