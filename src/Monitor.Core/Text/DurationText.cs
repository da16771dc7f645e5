using System.Globalization;
using System.Text;

namespace Monitor.Core.Text;

/// <summary>
/// Durations as people write them: <c>500ms</c>, <c>2s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>, and
/// sums such as <c>1m30s</c>. Units: us, ms, s, m, h, d. A bare number is refused: its unit would be a guess.
/// </summary>
public static class DurationText
{
    /// <summary>Parses a duration, or returns false with a reason.</summary>
    public static bool TryParse(string? text, out TimeSpan duration, out string error)
    {
        duration = TimeSpan.Zero;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a duration is empty; write e.g. 500ms, 2s, 5m or 1h";
            return false;
        }

        var s = text.Trim();
        var i = 0;
        double totalTicks = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = $"'{text}' is not a duration; write e.g. 500ms, 2s, 5m or 1h";
                return false;
            }

            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i]))
            {
                i++;
            }

            var unit = s[unitStart..i].ToLowerInvariant();
            long ticksPerUnit = unit switch
            {
                "us" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                "d" => TimeSpan.TicksPerDay,
                _ => 0,
            };
            if (ticksPerUnit == 0)
            {
                error = unit.Length == 0
                    ? $"'{text}' has no unit; write e.g. 500ms, 2s, 5m or 1h"
                    : $"'{text}' has an unknown unit '{unit}'; use us, ms, s, m, h or d";
                return false;
            }

            totalTicks += number * ticksPerUnit;
        }

        if (totalTicks > TimeSpan.MaxValue.Ticks)
        {
            error = $"'{text}' is too long a duration";
            return false;
        }

        duration = TimeSpan.FromTicks((long)Math.Round(totalTicks));
        return true;
    }

    /// <summary>Parses a duration.</summary>
    /// <exception cref="FormatException">The text is not a duration.</exception>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    /// <summary>Formats a duration in the same notation, e.g. <c>1m30s</c>, <c>250ms</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        if (duration < TimeSpan.Zero)
        {
            builder.Append('-');
            duration = duration.Negate();
        }

        Append(builder, duration.Days, "d");
        Append(builder, duration.Hours, "h");
        Append(builder, duration.Minutes, "m");
        Append(builder, duration.Seconds, "s");
        Append(builder, duration.Milliseconds, "ms");
        Append(builder, duration.Microseconds, "us");
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, int value, string unit)
    {
        if (value != 0)
        {
            builder.Append(value.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
