using Monitor.Core.Analysis.Series;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Core.Tests.Analysis.Series;

public sealed class SeriesViewTests
{
    private static readonly SiteTable Sites = new(i => Site.Unparsed(i.IdServer?.Text ?? i.ToString()));

    [Fact]
    public void Of_FailureBeforeTheFirstAnswer_IsChargedToTheFirstSite()
    {
        var t = Some.Instant;
        var view = SeriesView.Of("vp", "t", "p", null, [
            Some.Measurement(started: t, outcome: ProbeOutcome.Timeout),
            Some.Measurement(started: t.AddSeconds(1), idServer: "b", rttMs: 10),
            Some.Measurement(started: t.AddSeconds(2), idServer: "a", rttMs: 20),
            Some.Measurement(started: t.AddSeconds(3), idServer: "b", rttMs: 30),
        ], Sites);

        Assert.Equal(4, view.Count);
        Assert.Equal(0, view.Unattributed);
        Assert.Equal(["a", "b"], view.Sites.Select(s => s.Code).ToArray());
        var b = view.Sites.Single(s => s.Code == "b");
        Assert.Equal((3, 2), (b.Sent, b.Answers));
        Assert.Equal(20, b.Latency.P50Ms);
        Assert.Equal("b", view.Dominant!.Code);
        Assert.Equal(3, view.Rtts.Count);
    }

    [Fact]
    public void Of_NothingAnswered_LeavesTheLossWithNoSite()
    {
        var view = SeriesView.Of("vp", "t", "p", null, [
            Some.Measurement(outcome: ProbeOutcome.Timeout),
            Some.Measurement(outcome: ProbeOutcome.NetworkError),
        ], Sites);

        Assert.Equal(2, view.Unattributed);
        Assert.Empty(view.Sites);
        Assert.Null(view.Dominant);
    }

    [Fact]
    public void Of_BurstAndSiteProbes_StayOutOfTheStatistics()
    {
        var t = Some.Instant;
        var view = SeriesView.Of("vp", "t", "p", null, [
            Some.Measurement(started: t, idServer: "a"),
            Some.Measurement(started: t.AddSeconds(1), idServer: "a") with { Kind = ProbeKind.Burst },
            Some.Measurement(started: t.AddSeconds(2), idServer: "c") with { Kind = ProbeKind.Site, SiteId = "c" },
        ], Sites);

        Assert.Equal(1, view.Count);
        Assert.Equal(2, view.FailoverProbes.Count);
        Assert.Single(view.SiteProbes);
        Assert.Equal(["a"], view.Sites.Select(s => s.Code).ToArray());
    }

    [Fact]
    public void Build_ColumnsOfAnotherIdentityTable_Throws()
    {
        var columns = ColumnarSeries.FromMeasurements("vp-1", "t-1", [Some.Measurement()], new IdentityTable());

        Assert.Throws<ArgumentException>(() => SeriesView.Build(columns, "p", null, new SiteTable(i => Site.Unparsed(i.ToString()))));
    }

    [Fact]
    public void Build_BeforeCommit_NotesNothingInTheSiteTable()
    {
        var sites = new SiteTable(i => Site.Unparsed(i.IdServer?.Text ?? i.ToString()));
        var columns = ColumnarSeries.FromMeasurements("vp-1", "t-1", [Some.Measurement(idServer: "zz-unknown", nsid: null)], sites.Identities);

        var view = SeriesView.Build(columns, "p", null, sites);
        var before = sites.Unparsed.ToList();
        view.Commit();

        Assert.Empty(before);
        Assert.Equal(["zz-unknown"], sites.Unparsed);
        Assert.Equal("zz-unknown", view.Dominant!.Code);
    }
}
