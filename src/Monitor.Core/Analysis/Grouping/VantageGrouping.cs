namespace Monitor.Core.Analysis.Grouping;

/// <summary>How latency and catchment tables group vantage points (<c>--group-by</c>): with thousands of RIPE Atlas probes a row per vantage point is not readable.</summary>
public enum VantageGrouping
{
    /// <summary>A row per vantage point (the default).</summary>
    Vantage,

    /// <summary>By the vantage point's country (ISO 3166-1 alpha-2).</summary>
    Country,

    /// <summary>By the continent of its country (<see cref="Sites.Continents"/>).</summary>
    Continent,

    /// <summary>By its autonomous system.</summary>
    Asn,
}
