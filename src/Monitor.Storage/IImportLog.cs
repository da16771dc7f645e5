using Monitor.Core.Domain;

namespace Monitor.Storage;

/// <summary>
/// Writes measurements imported from elsewhere (RIPE Atlas): no rounds, an origin per measurement,
/// and vantage point metadata that only ever fills in. Error contract as <see cref="IMeasurementLog"/>:
/// a failure throws and leaves the database as it was for that batch.
/// </summary>
public interface IImportLog
{
    /// <summary>
    /// Stores one batch in one transaction: the vantage points (a known value is never replaced by
    /// an unknown one: <c>COALESCE(new, old)</c>), the measurements (stored ids skipped, so a batch
    /// can be written again) and their origins. Returns how many measurements were new.
    /// </summary>
    Task<int> WriteImportAsync(IReadOnlyCollection<VantagePoint> vantagePoints, IReadOnlyList<Measurement> measurements, IReadOnlyList<MeasurementOrigin> origins, DateTimeOffset seen, CancellationToken cancellationToken);

    /// <summary>The origins of stored measurements, by measurement id (for exports and tests).</summary>
    Task<IReadOnlyDictionary<Guid, MeasurementOrigin>> ReadOriginsAsync(CancellationToken cancellationToken);
}
