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

    /// <summary>A signed RTT difference with one decimal: <c>+5.2</c>, <c>−3.0</c>.</summary>
    public static string Signed(double ms) => (ms >= 0 ? "+" : "−") + Math.Abs(ms).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A duration like <c>6m</c>, <c>1m30s</c> or <c>850ms</c> (whole seconds from a minute up).</summary>
    public static string Duration(TimeSpan t) => DurationText.Format(t >= TimeSpan.FromMinutes(1)
        ? TimeSpan.FromSeconds(Math.Round(t.TotalSeconds))
        : TimeSpan.FromMilliseconds(Math.Round(t.TotalMilliseconds)));

    /// <summary>A tail percentile, or a dash with fewer answers than it needs to mean anything (p95: 20, p99: 100).</summary>
    public static string Tail(double? ms, int answered, int needed) => answered >= needed ? Ms(ms) : "-";
}
