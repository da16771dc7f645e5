namespace Monitor.Storage;

/// <summary>Measurements of one vantage point and target.</summary>
/// <param name="VantageId">The vantage point.</param>
/// <param name="TargetId">The target.</param>
/// <param name="Measurements">Rows.</param>
/// <param name="Answered">Rows with an answer.</param>
/// <param name="First">Earliest start.</param>
/// <param name="Last">Latest start.</param>
public sealed record StoreStatsRow(string VantageId, string TargetId, long Measurements, long Answered, DateTimeOffset First, DateTimeOffset Last)
{
    /// <summary>
    /// Packets received and discarded over all these measurements: replies from another address or
    /// port, with a wrong ID or question, stale, or unreadable (spoofing or misbehaving servers).
    /// </summary>
    public long Discarded { get; init; }
}
