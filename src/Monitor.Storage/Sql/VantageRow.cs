namespace Monitor.Storage.Sql;

/// <summary>A row of the <c>vantage_points</c> table as Dapper reads it.</summary>
internal sealed class VantageRow
{
    public string Id { get; set; } = string.Empty;

    public string? City { get; set; }

    public string? Country { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public long? Asn { get; set; }

    public long? AsnV6 { get; set; }

    public long? IsAnchor { get; set; }

    public long? ClockOffsetUs { get; set; }
}

// Settable properties, not a constructor: with no rows SQLite reports no column types to match.
