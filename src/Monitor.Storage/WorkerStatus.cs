namespace Monitor.Storage;

/// <summary>A worker's liveness as the database saw it.</summary>
/// <param name="VantageId">The vantage point the worker measures from.</param>
/// <param name="Heartbeat">Its last heartbeat, by the worker's clock.</param>
/// <param name="ClockOffset">Database clock minus worker clock at that heartbeat.</param>
public sealed record WorkerStatus(string VantageId, DateTimeOffset Heartbeat, TimeSpan ClockOffset);
