using Monitor.Core.Domain;

namespace Monitor.Storage;

/// <summary>
/// Where measurements are kept. Writes are idempotent by id: writing the same round twice never
/// duplicates a row. A database that cannot be reached makes a method throw (so the caller spools
/// and a scheduler retries); it never silently drops data.
/// </summary>
public interface IMeasurementStore : IAsyncDisposable
{
    /// <summary>A description of where the data is, without secrets.</summary>
    string Description { get; }

    /// <summary>Creates or updates a vantage point and marks it seen at <paramref name="seen"/>.</summary>
    Task UpsertVantagePointAsync(VantagePoint vantagePoint, DateTimeOffset seen, CancellationToken cancellationToken);

    /// <summary>Creates or updates target definitions.</summary>
    Task UpsertTargetsAsync(IReadOnlyCollection<Target> targets, DateTimeOffset updated, CancellationToken cancellationToken);

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

    /// <summary>The vantage points known, with their locations.</summary>
    Task<IReadOnlyList<VantagePoint>> ReadVantagePointsAsync(CancellationToken cancellationToken);

    /// <summary>Target id to provider, for the targets known.</summary>
    Task<IReadOnlyDictionary<string, string>> ReadProvidersAsync(CancellationToken cancellationToken);

    /// <summary>Every target defined, active in a schedule or not, with how it is queried; ordered by id.</summary>
    Task<IReadOnlyList<Target>> ReadTargetsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Publishes a schedule for workers: the schedule row, the targets (upserted, with their timeouts)
    /// marked active, every other target inactive.
    /// </summary>
    Task PublishScheduleAsync(string scheduleId, Schedule schedule, IReadOnlyCollection<Target> targets, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Reads a published schedule and its active targets; null when none is published.</summary>
    Task<(Schedule Schedule, IReadOnlyList<Target> Targets)?> ReadScheduleAsync(string scheduleId, CancellationToken cancellationToken);

    /// <summary>Records a worker's heartbeat and its clock offset from the database server; returns the offset.</summary>
    Task<TimeSpan> HeartbeatAsync(string vantageId, TimeProvider time, CancellationToken cancellationToken);

    /// <summary>Workers that ever sent a heartbeat.</summary>
    Task<IReadOnlyList<WorkerStatus>> ReadWorkersAsync(CancellationToken cancellationToken);

    /// <summary>Counts per vantage point and target, and the time span.</summary>
    Task<StoreStats> GetStatsAsync(CancellationToken cancellationToken);
}
