using Monitor.Core.Analysis;

namespace Monitor.Core.Tests.Analysis;

public sealed class CatchmentComparisonTests
{
    private static AnalysisReport Report(params (string Vantage, string Site)[] dominant)
    {
        var catchment = dominant.Select(d => new CatchmentShare("t", d.Vantage, d.Site, d.Site, 10, 1.0, true)).ToList();
        var sites = dominant.GroupBy(d => d.Site)
            .Select(g => new SiteCatchment("t", g.Key, null, null, [.. g.Select(x => x.Vantage)], (double)g.Count() / dominant.Length))
            .ToList();
        return new AnalysisReport(AnalysisWindow.All, 0, catchment, sites, [], [], [], [], [], [], []);
    }

    [Fact]
    public void Compare_VantageMovedAppearedAndLeft_AreListed_SharesCompared()
    {
        var before = Report(("vp-1", "AMS"), ("vp-2", "AMS"), ("vp-3", "FRA"), ("vp-4", "FRA"));
        var after = Report(("vp-1", "AMS"), ("vp-2", "LHR"), ("vp-3", "FRA"), ("vp-5", "FRA"));

        var diff = CatchmentComparison.Compare(before, after);

        Assert.Equal(
            [new("t", "vp-2", "AMS", "LHR"), new("t", "vp-4", "FRA", null), new CatchmentChange("t", "vp-5", null, "FRA")],
            diff.Moved);
        Assert.Equal(2, diff.Unchanged);
        Assert.Equal(new SiteShareChange("t", "AMS", 0.5, 0.25), diff.Sites.Single(s => s.Site == "AMS"));
        Assert.Equal(new SiteShareChange("t", "LHR", 0, 0.25), diff.Sites.Single(s => s.Site == "LHR"));
        Assert.Equal(new SiteShareChange("t", "FRA", 0.5, 0.5), diff.Sites.Single(s => s.Site == "FRA"));
    }

    [Fact]
    public void Compare_SameCatchment_NothingMoved()
    {
        var report = Report(("vp-1", "AMS"), ("vp-2", "FRA"));

        var diff = CatchmentComparison.Compare(report, report);

        Assert.Empty(diff.Moved);
        Assert.Equal(2, diff.Unchanged);
    }
}
