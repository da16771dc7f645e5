namespace Monitor.Storage;

/// <summary>The order measurements are read in.</summary>
public enum MeasurementOrder
{
    /// <summary>By start time.</summary>
    Time,

    /// <summary>By vantage point, then target, then start time: each series in one piece, as analysis reads it.</summary>
    Series,
}
