namespace Monitor.Storage;

/// <summary>What <see cref="SqlMeasurementStore.SealAsync"/> did.</summary>
/// <param name="Before">Days that ended at or before this instant were sealed.</param>
/// <param name="Sealed">Day blocks written now.</param>
/// <param name="Rows">Rows packed into them.</param>
/// <param name="Octets">Their size.</param>
/// <param name="AlreadySealed">Days whose block was still valid (nothing to do).</param>
/// <param name="Skipped">Days left to their rows because the rows stored differ from the rollups' count (a prune cut into them).</param>
public sealed record SealResult(DateTimeOffset Before, int Sealed, long Rows, long Octets, int AlreadySealed, int Skipped);
