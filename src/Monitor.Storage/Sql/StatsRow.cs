namespace Monitor.Storage.Sql;

/// <summary>Counts per vantage point and target as Dapper reads them.</summary>
internal sealed class StatsRow
{
    public string VantageId { get; set; } = string.Empty;

    public string TargetId { get; set; } = string.Empty;

    public long Measurements { get; set; }

    public long Answered { get; set; }

    public long Discarded { get; set; }

    public long FirstUs { get; set; }

    public long LastUs { get; set; }
}
