namespace Monitor.Storage.Sql;

/// <summary>Reads the rows of one series after another, in key order, on one connection of a read.</summary>
internal interface ISeriesSource : IAsyncDisposable
{
    /// <summary>
    /// Adds the rows of <paramref name="series"/> started in [<paramref name="fromUs"/>, <paramref name="toUs"/>)
    /// (Unix µs) to <paramref name="sink"/>, in key order; the query's kinds only.
    /// </summary>
    ValueTask ReadAsync(SeriesKey series, long fromUs, long toUs, IRowSink sink, CancellationToken cancellationToken);
}
