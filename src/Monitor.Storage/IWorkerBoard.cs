using Monitor.Core.Domain;

namespace Monitor.Storage;

/// <summary>Where a server publishes the schedule and workers report in: schedules, heartbeats, workers.</summary>
public interface IWorkerBoard
{
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
}
