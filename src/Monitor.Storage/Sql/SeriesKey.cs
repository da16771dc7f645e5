namespace Monitor.Storage.Sql;

/// <summary>A row of the <c>series</c> table: its number, vantage point and target, and the hash its rows' ids use.</summary>
internal sealed record SeriesKey(int Id, string VantageId, string TargetId)
{
    /// <summary>See <see cref="MeasurementIds.SeriesHash"/>.</summary>
    public ulong Hash { get; } = MeasurementIds.SeriesHash(VantageId, TargetId);
}
