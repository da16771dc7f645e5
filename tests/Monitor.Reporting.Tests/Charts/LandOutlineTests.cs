using Monitor.Reporting.Charts;

using ScottPlot;

namespace Monitor.Reporting.Tests.Charts;

public sealed class LandOutlineTests
{
    [Fact]
    public void SplitAtAntimeridian_CrossingRing_BecomesTwoUnbrokenRings()
    {
        // A small island astride 180° (like Fiji): 179°E → 179°W → back.
        Coordinates[] ring = [new(179, -16), new(-179, -16), new(-179, -18), new(179, -18), new(179, -16)];

        var parts = LandOutline.SplitAtAntimeridian(ring).ToList();

        Assert.Equal(2, parts.Count);
        Assert.All(parts, p => Assert.All(p.Zip(p.Skip(1)), pair => Assert.True(Math.Abs(pair.First.X - pair.Second.X) <= 180)));
        Assert.Contains(parts, p => p.Any(c => c.X > 180));
        Assert.Contains(parts, p => p.Any(c => c.X < -180));
    }

    [Fact]
    public void SplitAtAntimeridian_OrdinaryRing_IsUnchanged()
    {
        Coordinates[] ring = [new(4, 52), new(5, 52), new(5, 53), new(4, 52)];

        Assert.Equal(ring, Assert.Single(LandOutline.SplitAtAntimeridian(ring)));
    }

    [Fact]
    public void Rings_NoneJumpsAcrossTheMap() =>
        Assert.All(LandOutline.Rings, r => Assert.All(r.Zip(r.Skip(1)), pair => Assert.True(Math.Abs(pair.First.X - pair.Second.X) <= 180)));
}
