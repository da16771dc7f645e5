using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Reporting.Tests;

public sealed class SeriesSetTests
{
    [Fact]
    public void Build_OutOfOrder_PointsInTimeOrderWithSitesAndSpan()
    {
        var t0 = Some.Instant;
        var builder = new SeriesSetBuilder(SiteResolver.CreateDefault().Resolve);
        builder.Add(Some.Measurement("vp-1", "t-1", t0.AddSeconds(20), rttMs: 3));
        builder.Add(Some.Measurement("vp-2", "t-1", t0.AddSeconds(5), ProbeOutcome.Timeout));
        builder.Add(Some.Measurement("vp-1", "t-1", t0, rttMs: 1));
        builder.Add(Some.Measurement("vp-1", "t-1", t0.AddSeconds(10), ProbeOutcome.Timeout));

        var set = builder.Build();

        var points = set.Get("vp-1", "t-1");
        Assert.Equal([t0, t0.AddSeconds(10), t0.AddSeconds(20)], points.Select(p => p.At));
        Assert.Equal([1.0, null, 3.0], points.Select(p => p.RttMs));
        Assert.Null(points[1].Site);
        Assert.Equal(points[0].Site, points[2].Site);
        Assert.True(set.Sites.ContainsKey(points[0].Site!));
        Assert.Equal([(string?)null], set.Get("vp-2", "t-1").Select(p => p.Site));
        Assert.Empty(set.Get("vp-3", "t-1"));
        Assert.Equal(t0, set.FirstProbe);
        Assert.Equal(t0.AddSeconds(20), set.LastProbe);
        Assert.Equal(TimeSpan.FromSeconds(10), set.TypicalInterval);
    }

    [Fact]
    public void TypicalInterval_IsTheMedianPositiveGapRoundedToSeconds()
    {
        var t0 = Some.Instant;
        var builder = new SeriesSetBuilder(SiteResolver.CreateDefault().Resolve);
        double[] offsets = [0, 0, 4.4, 8.8, 13.2, 60]; // gaps 0 (ignored), 4.4, 4.4, 4.4, 46.8
        foreach (var s in offsets)
        {
            builder.Add(Some.Measurement("vp-1", "t-1", t0.AddSeconds(s)));
        }

        Assert.Equal(TimeSpan.FromSeconds(4), builder.Build().TypicalInterval);
        Assert.Null(new SeriesSetBuilder(SiteResolver.CreateDefault().Resolve).Build().TypicalInterval);
    }
}
