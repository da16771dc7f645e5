namespace Monitor.Storage.Spool;

/// <summary>What became of a round handed to <see cref="RoundRecorder.RecordAsync"/>.</summary>
/// <param name="Stored">True when the database committed it; false when it waits in the spool.</param>
/// <param name="Error">Why the database did not take it.</param>
/// <param name="Pending">Rounds waiting in the spool afterwards.</param>
public sealed record RecordResult(bool Stored, string? Error, int Pending);
