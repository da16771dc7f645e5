using System.Globalization;

using ScottPlot;
using ScottPlot.TickGenerators;

using TimeUnits = ScottPlot.TickGenerators.TimeUnits;

namespace Monitor.Reporting.Charts;

/// <summary>Time labels in UTC: ISO-style ticks, never the culture's month/day order.</summary>
internal static class UtcTimeAxis
{
    /// <summary>
    /// A tick label for a UTC instant on an axis whose ticks step by <paramref name="unit"/>: the time of day
    /// (<c>12:05</c>, <c>12:05:30</c>, <c>12:05:30.250</c>), or the date (<c>2026-11-27</c>) at midnight and
    /// for steps of a day or more. Never the culture's month/day order.
    /// </summary>
    public static string TimeTick(DateTime utc, ITimeUnit? unit)
    {
        var format = unit switch
        {
            TimeUnits.Year => "yyyy",
            TimeUnits.Month => "yyyy-MM",
            TimeUnits.Day => "yyyy-MM-dd",
            TimeUnits.Millisecond or TimeUnits.Centisecond or TimeUnits.Decisecond => "HH:mm:ss.fff",
            TimeUnits.Second => "HH:mm:ss",
            _ when utc.TimeOfDay == TimeSpan.Zero => "yyyy-MM-dd",
            _ => "HH:mm",
        };
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }
}
