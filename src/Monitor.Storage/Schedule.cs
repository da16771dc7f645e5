namespace Monitor.Storage;

/// <summary>What the server publishes for its workers: how often rounds run and how long a query waits.</summary>
/// <param name="Interval">Time between rounds.</param>
/// <param name="Timeout">Default query timeout.</param>
public sealed record Schedule(TimeSpan Interval, TimeSpan Timeout);
