namespace Monitor.Storage;

/// <summary>Keeping a database to a time span: measurements (and rounds) older than a cut are removed.</summary>
public interface IRetention
{
    /// <summary>
    /// Removes the measurements started before <paramref name="before"/> and the rounds that finished before it.
    /// PostgreSQL drops whole day partitions that end at or before the cut and deletes the rows of the
    /// partial day; SQLite deletes in batches, each in a transaction of its own, so writers wait little.
    /// Series, identities and texts stay (later rows may name them).
    /// </summary>
    Task<PruneResult> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
