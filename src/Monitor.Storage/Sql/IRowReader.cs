namespace Monitor.Storage.Sql;

/// <summary>Rows of a SELECT of <see cref="LeanColumns.List"/>, one at a time.</summary>
internal interface IRowReader : IAsyncDisposable
{
    /// <summary>Reads the next row into <paramref name="row"/>; false after the last.</summary>
    ValueTask<bool> ReadAsync(LeanRow row, CancellationToken cancellationToken);
}
