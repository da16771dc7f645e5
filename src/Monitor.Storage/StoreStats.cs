namespace Monitor.Storage;

/// <summary>What a store holds.</summary>
/// <param name="Rows">Counts per vantage point and target.</param>
/// <param name="Rounds">Rounds stored.</param>
/// <param name="Vantages">Vantage points known.</param>
/// <param name="Targets">Targets known.</param>
public sealed record StoreStats(IReadOnlyList<StoreStatsRow> Rows, long Rounds, long Vantages, long Targets)
{
    /// <summary>All measurements.</summary>
    public long Measurements => Rows.Sum(r => r.Measurements);

    /// <summary>The first measurement's start, or null when empty.</summary>
    public DateTimeOffset? First => Rows.Count == 0 ? null : Rows.Min(r => r.First);

    /// <summary>The last measurement's start, or null when empty.</summary>
    public DateTimeOffset? Last => Rows.Count == 0 ? null : Rows.Max(r => r.Last);
}
