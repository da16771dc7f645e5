using ScottPlot;

namespace Monitor.Reporting.View;

/// <summary>
/// The grid's heat colours: median RTT on a log scale from 1 ms to 300 ms through Paul Tol's
/// sequential YlOrBr scheme (readable for colour-blind readers and in greyscale); no answer at all is
/// the reserved "no answer" colour.
/// </summary>
internal static class HeatScale
{
    private static readonly Color[] Steps = [.. new[] { "#FFFFE5", "#FFF7BC", "#FEE391", "#FEC44F", "#FB9A29", "#EC7014", "#CC4C02", "#993404", "#662506" }.Select(Color.FromHex)];

    /// <summary>The lowest and highest RTT of the scale, ms.</summary>
    public const double Low = 1, High = 300;

    /// <summary>The colour for a median RTT.</summary>
    public static Color Of(double ms)
    {
        var f = (Math.Log10(Math.Clamp(ms, Low, High)) - Math.Log10(Low)) / (Math.Log10(High) - Math.Log10(Low));
        return Steps[(int)Math.Round(f * (Steps.Length - 1))];
    }

    /// <summary>True when text on the colour should be white.</summary>
    public static bool Dark(Color c) => ((0.299 * c.R) + (0.587 * c.G) + (0.114 * c.B)) < 140;

    /// <summary>The scale's steps with the RTT each starts at, for the key.</summary>
    public static IEnumerable<(double Ms, Color Colour)> Key() =>
        Steps.Select((c, i) => (Math.Pow(10, Math.Log10(Low) + ((i - 0.5) / (Steps.Length - 1) * (Math.Log10(High) - Math.Log10(Low)))), c));
}
