namespace Monitor.Core.Domain;

/// <summary>
/// One execution of a vantage point's schedule: every target probed once, stored as one batch.
/// Scheduled and actual start are both kept, so lateness is visible and missed rounds are gaps.
/// </summary>
/// <param name="Id">A unique id (UUIDv7), so storing the same round twice never duplicates it.</param>
/// <param name="VantageId">The vantage point.</param>
/// <param name="Scheduled">When the schedule said the round should start, UTC.</param>
/// <param name="Started">When it actually started, UTC.</param>
/// <param name="Finished">When its last probe finished, UTC.</param>
/// <param name="Probes">Measurements taken.</param>
/// <param name="Answered">Measurements answered.</param>
public sealed record Round(
    Guid Id,
    string VantageId,
    DateTimeOffset Scheduled,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    int Probes,
    int Answered)
{
    /// <summary>A regular round of the schedule, or a burst probe sent between rounds.</summary>
    public ProbeKind Kind { get; init; } = ProbeKind.Regular;

    /// <summary>How late the round started.</summary>
    public TimeSpan Lateness => Started - Scheduled;
}
