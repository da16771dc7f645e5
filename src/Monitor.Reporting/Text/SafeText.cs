using System.Globalization;
using System.Text;

namespace Monitor.Reporting.Text;

/// <summary>
/// Makes untrusted text (identities, site codes, vantage-point ids, titles) safe to put in a chart,
/// a PDF or a CSV file: control characters, bidi and other format marks (U+202E), separators, lone
/// surrogates and unassigned code points become <c>\u{XXXX}</c>; labels are also shortened.
/// </summary>
public static class SafeText
{
    /// <summary>The longest label charts and tables show, in characters, before an ellipsis.</summary>
    public const int LabelLength = 40;

    /// <summary>Escapes every character that could hide, reorder or break text; keeps the rest.</summary>
    /// <param name="text">The text, or null (gives the empty string).</param>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var safe = IsSafe(text, i, out var pair);
            if (safe && builder is null)
            {
                i += pair ? 1 : 0;
                continue;
            }

            builder ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
            if (safe)
            {
                builder.Append(c);
                if (pair)
                {
                    builder.Append(text[++i]);
                }
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{{{(int)c:X4}}}");
            }
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>
    /// <see cref="Escape"/>d and cut to <paramref name="maxLength"/> characters, the last being an ellipsis
    /// when anything was cut.
    /// </summary>
    /// <param name="text">The text, or null.</param>
    /// <param name="maxLength">At least 2.</param>
    public static string Label(string? text, int maxLength = LabelLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var escaped = Escape(text);
        if (escaped.Length <= maxLength)
        {
            return escaped;
        }

        var cut = maxLength - 1;
        if (char.IsHighSurrogate(escaped[cut - 1]))
        {
            cut--;
        }

        return string.Concat(escaped.AsSpan(0, cut), "…");
    }

    /// <summary>
    /// One CSV field (RFC 4180): <see cref="Escape"/>d, a leading <c>= + - @</c> (or tab/CR) prefixed
    /// with a quote mark so spreadsheets never run it as a formula (OWASP CSV injection), and quoted
    /// when it holds a comma, quote or line break.
    /// </summary>
    /// <param name="value">The value, or null (an empty field).</param>
    public static string CsvField(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        value = Escape(value);
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static bool IsSafe(string text, int i, out bool pair)
    {
        pair = false;
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                pair = true;
                var category = CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[i + 1]));
                return category is not (UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned);
            }

            return false;
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) is not (
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            && c != '\uFFFD';
    }
}
