using System.Globalization;

namespace Monitor.Reporting.Charts;

/// <summary>The Natural Earth 1:110m land rings embedded from <c>Data/land-110m.txt</c> (public domain).</summary>
internal static class LandOutline
{
    private static readonly Lazy<IReadOnlyList<ScottPlot.Coordinates[]>> RingsValue = new(Load);

    /// <summary>Polygon rings of (longitude, latitude).</summary>
    public static IReadOnlyList<ScottPlot.Coordinates[]> Rings => RingsValue.Value;

    private static List<ScottPlot.Coordinates[]> Load()
    {
        using var stream = typeof(LandOutline).Assembly.GetManifestResourceStream("Monitor.Reporting.land-110m.txt")
            ?? throw new InvalidOperationException("The embedded land outline is missing.");
        using var reader = new StreamReader(stream);
        var rings = new List<ScottPlot.Coordinates[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            rings.Add([.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
            {
                var comma = pair.IndexOf(',', StringComparison.Ordinal);
                return new ScottPlot.Coordinates(
                    double.Parse(pair.AsSpan(0, comma), CultureInfo.InvariantCulture),
                    double.Parse(pair.AsSpan(comma + 1), CultureInfo.InvariantCulture));
            })]);
        }

        return rings;
    }
}
