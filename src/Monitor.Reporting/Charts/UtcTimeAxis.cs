using System.Globalization;

using ScottPlot;
using ScottPlot.TickGenerators;

using TimeUnits = ScottPlot.TickGenerators.TimeUnits;

namespace Monitor.Reporting.Charts;

/// <summary>Time axes in UTC: ISO-style ticks, never the culture's month/day order, the date once in the label.</summary>
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

    /// <summary>The bottom axis as UTC time: ISO-style ticks, and the date (or dates) once in the axis label.</summary>
    public static void Apply(Plot plot, IEnumerable<DateTimeOffset> instants, string label)
    {
        var axis = plot.Axes.DateTimeTicksBottom();
        if (axis.TickGenerator is DateTimeAutomatic automatic)
        {
            automatic.LabelFormatter = utc => TimeTick(utc, automatic.TimeUnit);
        }

        var days = instants.Select(i => DateOnly.FromDateTime(i.UtcDateTime)).ToList();
        if (days.Count == 0)
        {
            plot.XLabel(label);
            return;
        }

        var (first, last) = (days.Min(), days.Max());
        plot.XLabel(first == last
            ? $"{label}, {Day(first)}"
            : $"{label}, {Day(first)} to {Day(last)}");
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
