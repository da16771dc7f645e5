using Monitor.Reporting.Text;

namespace Monitor.Reporting.Charts;

/// <summary>Legend labels: safe text, escaped and at most the usual label length.</summary>
internal static class LegendText
{
    public static string Short(string text) => SafeText.Label(text);
}
