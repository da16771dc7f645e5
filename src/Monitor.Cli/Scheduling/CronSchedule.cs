using System.Globalization;

namespace Monitor.Cli.Scheduling;

/// <summary>
/// Turns a round interval into a seconds-granular cron expression aligned to the clock
/// (<c>*/30 * * * * *</c> for 30 s), and finds the occurrence a round belongs to.
/// </summary>
public static class CronSchedule
{
    /// <summary>The cron expression (six fields, seconds first) for an interval that divides a minute, an hour or a day.</summary>
    /// <exception cref="ArgumentException">The interval does not align to the clock.</exception>
    public static string For(TimeSpan interval)
    {
        if (interval.Ticks % TimeSpan.TicksPerSecond == 0)
        {
            var seconds = (long)interval.TotalSeconds;
            if (seconds is > 0 and < 60 && 60 % seconds == 0)
            {
                return seconds == 1 ? "* * * * * *" : $"*/{Invariant(seconds)} * * * * *";
            }

            if (seconds % 60 == 0 && seconds / 60 is var minutes and > 0 and < 60 && 60 % minutes == 0)
            {
                return minutes == 1 ? "0 * * * * *" : $"0 */{Invariant(minutes)} * * * *";
            }

            if (seconds % 3600 == 0 && seconds / 3600 is var hours and > 0 and < 24 && 24 % hours == 0)
            {
                return hours == 1 ? "0 0 * * * *" : $"0 0 */{Invariant(hours)} * * *";
            }

            if (seconds == 86400)
            {
                return "0 0 0 * * *";
            }
        }

        throw new ArgumentException(
            $"An interval of {Core.Text.DurationText.Format(interval)} does not align to the clock: rounds run on a seconds-granular cron schedule, so the interval must divide a minute (1s … 30s), an hour (1m … 30m) or a day (1h … 12h, 1d).",
            nameof(interval));
    }

    /// <summary>The latest occurrence at or before <paramref name="instant"/>.</summary>
    public static DateTimeOffset Floor(DateTimeOffset instant, TimeSpan interval)
    {
        var utc = instant.ToUniversalTime();
        var dayStart = new DateTimeOffset(utc.Date, TimeSpan.Zero);
        var sinceDay = utc - dayStart;
        return dayStart + TimeSpan.FromTicks(sinceDay.Ticks - (sinceDay.Ticks % interval.Ticks));
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
