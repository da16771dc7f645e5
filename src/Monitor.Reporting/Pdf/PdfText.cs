using System.Globalization;

using Monitor.Core.Text;

namespace Monitor.Reporting.Pdf;

/// <summary>How numbers and times are written in the PDF's tables (narrower than the text outputs).</summary>
internal static class PdfText
{
    /// <summary>A ratio with two decimals, or a dash.</summary>
    public static string Ratio(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    /// <summary>An instant in UTC, ISO 8601 to the second: <c>2026-11-27T12:00:00Z</c> (the PDF's narrow columns).</summary>
    public static string Utc(DateTimeOffset t) => OutputWords.UtcSeconds(t);

    /// <summary>Milliseconds with one decimal, or a dash.</summary>
    public static string Ms(double? ms) => ms is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    /// <summary>A percentage with one decimal.</summary>
    public static string Pct(double pct) => pct.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A count.</summary>
    public static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
