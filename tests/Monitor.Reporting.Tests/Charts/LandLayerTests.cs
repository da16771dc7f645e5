using Monitor.Reporting.Charts;

using SkiaSharp;

namespace Monitor.Reporting.Tests.Charts;

public sealed class LandLayerTests
{
    [Theory]
    [InlineData(0.35f)]
    [InlineData(1f)]
    [InlineData(3f)]
    public void Simplify_WigglyLine_StaysWithinToleranceWithFewerPoints(float tolerance)
    {
        // A sine wave of 1,000 points, 2 pixels high.
        List<SKPoint> points = [.. Enumerable.Range(0, 1000).Select(i => new SKPoint(i * 0.5f, 2 * MathF.Sin(i / 40f)))];

        var kept = LandLayer.Simplify(points, tolerance);

        Assert.InRange(kept.Count, 2, points.Count / 4);
        Assert.Equal(points[0], kept[0]);
        Assert.Equal(points[^1], kept[^1]);
        Assert.All(points, p => Assert.True(DistanceToPolyline(p, kept) <= tolerance + 1e-4f, $"{p} is {DistanceToPolyline(p, kept)} from the outline"));
    }

    [Fact]
    public void Simplify_Corners_AreKept()
    {
        List<SKPoint> square = [new(0, 0), new(5, 0), new(10, 0), new(10, 10), new(0, 10), new(0, 0)];

        var kept = LandLayer.Simplify(square, 0.35f);

        Assert.Equal([new(0, 0), new(10, 0), new(10, 10), new(0, 10), new(0, 0)], kept);
    }

    private static float DistanceToPolyline(SKPoint p, List<SKPoint> line) =>
        line.Zip(line.Skip(1)).Min(s =>
        {
            var (a, b) = s;
            var d = b - a;
            var length = (d.X * d.X) + (d.Y * d.Y);
            var t = length == 0 ? 0 : Math.Clamp((((p.X - a.X) * d.X) + ((p.Y - a.Y) * d.Y)) / length, 0, 1);
            return SKPoint.Distance(p, new SKPoint(a.X + (t * d.X), a.Y + (t * d.Y)));
        });
}
