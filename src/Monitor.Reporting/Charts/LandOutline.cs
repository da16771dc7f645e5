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

            ScottPlot.Coordinates[] ring = [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
            {
                var comma = pair.IndexOf(',', StringComparison.Ordinal);
                return new ScottPlot.Coordinates(
                    double.Parse(pair.AsSpan(0, comma), CultureInfo.InvariantCulture),
                    double.Parse(pair.AsSpan(comma + 1), CultureInfo.InvariantCulture));
            })];
            rings.AddRange(SplitAtAntimeridian(ring));
        }

        return rings;
    }

    /// <summary>
    /// A ring that crosses ±180° (Russia, Fiji, Antarctica) would be drawn as a band across the whole
    /// map. Its longitudes are unwrapped into one continuous range and the ring is drawn once more
    /// shifted by 360°, so each part appears on its side and the plot's ±180° limits clip the rest.
    /// </summary>
    public static IEnumerable<ScottPlot.Coordinates[]> SplitAtAntimeridian(ScottPlot.Coordinates[] ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var unwrapped = new ScottPlot.Coordinates[ring.Length];
        var shift = 0.0;
        for (var i = 0; i < ring.Length; i++)
        {
            if (i > 0)
            {
                var jump = ring[i].X - ring[i - 1].X;
                shift += jump > 180 ? -360 : jump < -180 ? 360 : 0;
            }

            unwrapped[i] = new ScottPlot.Coordinates(ring[i].X + shift, ring[i].Y);
        }

        yield return unwrapped;
        if (unwrapped.Min(c => c.X) < -180)
        {
            yield return [.. unwrapped.Select(c => new ScottPlot.Coordinates(c.X + 360, c.Y))];
        }

        if (unwrapped.Max(c => c.X) > 180)
        {
            yield return [.. unwrapped.Select(c => new ScottPlot.Coordinates(c.X - 360, c.Y))];
        }
    }
}
