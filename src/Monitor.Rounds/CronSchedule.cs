using System.Globalization;

using Monitor.Core.Text;

namespace Monitor.Rounds;

/// <summary>
/// Turns a round interval into a seconds-granular cron expression aligned to the clock
/// (<c>*/30 * * * * *</c> for 30 s), and finds the occurrence a round belongs to.
/// </summary>
public static class CronSchedule
{
    /// <summary>The cron expression (six fields, seconds first) for an interval that divides a minute, an hour or a day.</summary>
    /// <exception cref="ArgumentException">The interval does not align to the clock (see <see cref="IsAligned"/>).</exception>
    public static string For(TimeSpan interval)
    {
        if (!IsAligned(interval, out var problem))
        {
            throw new ArgumentException(problem, nameof(interval));
        }

        var seconds = (long)interval.TotalSeconds;
        return seconds switch
        {
            1 => "* * * * * *",
            < 60 => $"*/{Invariant(seconds)} * * * * *",
            60 => "0 * * * * *",
            < 3600 => $"0 */{Invariant(seconds / 60)} * * * *",
            3600 => "0 0 * * * *",
            < 86400 => $"0 0 */{Invariant(seconds / 3600)} * * *",
            _ => "0 0 0 * * *",
        };
    }

    private const string Why = "rounds are aligned to the clock (a seconds-granular cron schedule)";

    private const string Choices =
        "use 1s, 2s, 3s, 4s, 5s, 6s, 10s, 12s, 15s, 20s, 30s, 1m, 2m, 3m, 4m, 5m, 6m, 10m, 12m, 15m, 20m, 30m, 1h, 2h, 3h, 4h, 6h, 8h, 12h or 1d";

    /// <summary>
    /// True when <paramref name="interval"/> can be a round interval: rounds run on a seconds-granular
    /// cron schedule, so it must divide a minute (whole seconds), an hour (whole minutes) or a day
    /// (whole hours); otherwise rounds would drift against the clock. Otherwise says why not.
    /// </summary>
    public static bool IsAligned(TimeSpan interval, out string problem)
    {
        problem = string.Empty;
        var text = DurationText.Format(interval);
        if (interval < TimeSpan.FromSeconds(1))
        {
            problem = $"{text} is under a second; {Why}, so the shortest interval is 1s";
            return false;
        }

        if (interval <= TimeSpan.FromMinutes(1))
        {
            if (Divides(interval, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1)))
            {
                return true;
            }

            problem = $"{text} is not a whole number of seconds dividing a minute; {Why}; {Choices}";
            return false;
        }

        if (interval <= TimeSpan.FromHours(1))
        {
            if (Divides(interval, TimeSpan.FromHours(1), TimeSpan.FromMinutes(1)))
            {
                return true;
            }

            problem = $"{text} is not a whole number of minutes dividing an hour; {Why}; {Choices}";
            return false;
        }

        if (interval <= TimeSpan.FromDays(1))
        {
            if (Divides(interval, TimeSpan.FromDays(1), TimeSpan.FromHours(1)))
            {
                return true;
            }

            problem = $"{text} is not a whole number of hours dividing a day; {Why}; {Choices}";
            return false;
        }

        problem = $"{text} is longer than a day; {Why}; {Choices}";
        return false;
    }

    private static bool Divides(TimeSpan interval, TimeSpan period, TimeSpan unit) =>
        interval.Ticks % unit.Ticks == 0 && period.Ticks % interval.Ticks == 0;

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
