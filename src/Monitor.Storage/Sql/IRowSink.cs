namespace Monitor.Storage.Sql;

/// <summary>Takes a series' rows, in key order (start, seq).</summary>
internal interface IRowSink
{
    /// <summary>Adds the next row.</summary>
    void Add(in SeriesRow row);
}
