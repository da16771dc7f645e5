namespace Monitor.Storage.Sql;

/// <summary>Reads the rows of one series after another, in key order, on one connection of a read.</summary>
internal interface ISeriesSource : IAsyncDisposable
{
    /// <summary>Adds the rows of <paramref name="series"/> in the window to <paramref name="fill"/>, in key order.</summary>
    ValueTask ReadAsync(SeriesKey series, SeriesFill fill, CancellationToken cancellationToken);
}
