namespace Monitor.Storage.Spool;

/// <summary>What a spool flush did.</summary>
/// <param name="Written">Rounds written to the database.</param>
/// <param name="Error">Why it stopped early, or null when the spool is empty.</param>
public sealed record FlushResult(int Written, string? Error);
