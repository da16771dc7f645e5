using Monitor.Core.Domain;

namespace Monitor.Storage;

/// <summary>
/// Measurements and the rounds they came in. Writes are idempotent by id: writing the same round
/// twice never duplicates a row. A database that cannot be reached makes a method throw (so the
/// caller spools and a scheduler retries); it never silently drops data.
/// </summary>
public interface IMeasurementLog
{
    /// <summary>
    /// Stores a round and its measurements in one transaction: all or nothing. Rows whose id is
    /// already stored are skipped.
    /// </summary>
    /// <returns>How many measurements were new.</returns>
    Task<int> WriteRoundAsync(Round round, IReadOnlyList<Measurement> measurements, CancellationToken cancellationToken);

    /// <summary>Streams measurements in start order.</summary>
    IAsyncEnumerable<Measurement> ReadMeasurementsAsync(MeasurementQuery query, CancellationToken cancellationToken);

    /// <summary>Reads rounds in scheduled order.</summary>
    Task<IReadOnlyList<Round>> ReadRoundsAsync(MeasurementQuery query, CancellationToken cancellationToken);
}
