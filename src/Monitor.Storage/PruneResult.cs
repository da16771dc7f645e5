namespace Monitor.Storage;

/// <summary>What <see cref="IRetention.PruneAsync"/> removed.</summary>
/// <param name="Before">The cut: everything that started before it is gone.</param>
/// <param name="Measurements">Measurements removed (those of dropped partitions included).</param>
/// <param name="Rounds">Rounds removed.</param>
/// <param name="Partitions">The day partitions dropped whole (PostgreSQL), oldest first; empty on SQLite.</param>
public sealed record PruneResult(DateTimeOffset Before, long Measurements, long Rounds, IReadOnlyList<string> Partitions);
