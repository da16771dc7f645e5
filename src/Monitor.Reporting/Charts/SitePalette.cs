using ScottPlot;

namespace Monitor.Reporting.Charts;

/// <summary>One colour per site code, the same in every chart of a report (codes in ordinal order).</summary>
internal sealed class SitePalette
{
    private static readonly Color[] Colors = [.. new ScottPlot.Palettes.Category20().Colors];
    private readonly Dictionary<string, Color> _colors;

    public SitePalette(IEnumerable<string> sites)
    {
        _colors = sites.Distinct().Order(StringComparer.Ordinal)
            .Select((s, i) => (s, Colors[i % Colors.Length]))
            .ToDictionary(x => x.s, x => x.Item2, StringComparer.Ordinal);
    }

    /// <summary>The colour of unanswered probes.</summary>
    public static Color Lost => Color.FromHex("#d62728").WithAlpha(0.35);

    public IEnumerable<string> Sites => _colors.Keys;

    public Color this[string? site] => site is not null && _colors.TryGetValue(site, out var c) ? c : Color.FromHex("#999999");
}
