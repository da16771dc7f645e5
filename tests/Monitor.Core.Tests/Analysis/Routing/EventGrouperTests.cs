using Monitor.Core.Analysis.Routing;

namespace Monitor.Core.Tests.Analysis.Routing;

public sealed class EventGrouperTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 3, 0, TimeSpan.Zero);

    private static RouteChange Shift(string vantage, double seconds, string target = "t", string from = "AMS", string to = "NYC", double before = 10, double after = 74) =>
        new(target, vantage, RouteChangeKind.Shift, T0.AddSeconds(seconds), null, null, null, from, to, before, after, 3);

    [Fact]
    public void Group_ThreeVantagesTogether_OneEventWithMedianRttChange()
    {
        var e = Assert.Single(EventGrouper.Group([Shift("a", 0), Shift("b", 10, after: 70), Shift("c", 20, after: 80)], new RouteOptions()));

        Assert.Equal(["a", "b", "c"], e.Vantages);
        Assert.Equal("AMS", e.From);
        Assert.Equal("NYC", e.To);
        Assert.Equal(64.0, e.MedianRttChangeMs);
        Assert.Equal(T0, e.Start);
        Assert.Equal(T0.AddSeconds(20), e.End);
    }

    [Theory]
    [InlineData(0, 60, 1)]
    [InlineData(0, 600, 0)]
    public void Group_TwoVantages_JoinOnlyWithinGap(double first, double second, int events) =>
        Assert.Equal(events, EventGrouper.Group([Shift("a", first), Shift("b", second)], new RouteOptions { EventGap = TimeSpan.FromSeconds(90) }).Count);

    [Fact]
    public void Group_MovesInOtherDirectionsAtTheSameTime_AreOtherEvents()
    {
        // A withdrawal sends a and b to NYC while c and d, moved earlier by another event, come back from SIN.
        var events = EventGrouper.Group(
            [Shift("a", 0), Shift("b", 5), Shift("c", 20, from: "SIN", to: "AMS"), Shift("d", 30, from: "SIN", to: "AMS"), Shift("e", 60, from: "SIN", to: "LHR")],
            new RouteOptions());

        Assert.Equal(2, events.Count);
        Assert.Equal(("AMS", "NYC", "a b"), (events[0].From, events[0].To, string.Join(' ', events[0].Vantages)));
        Assert.Equal(("SIN", "AMS", "c d"), (events[1].From, events[1].To, string.Join(' ', events[1].Vantages)));
    }

    [Fact]
    public void Group_OneVantageOnly_IsNoEvent() =>
        Assert.Empty(EventGrouper.Group([Shift("a", 0), Shift("a", 30, from: "NYC", to: "AMS")], new RouteOptions()));

    [Fact]
    public void Group_OtherKinds_AreIgnored()
    {
        var transient = Shift("b", 5) with { Kind = RouteChangeKind.Transient };

        Assert.Empty(EventGrouper.Group([Shift("a", 0), transient], new RouteOptions()));
    }

    [Fact]
    public void Group_DifferentTargets_AreDifferentEvents() =>
        Assert.Equal(2, EventGrouper.Group([Shift("a", 0), Shift("b", 0), Shift("a", 0, target: "u"), Shift("b", 1, target: "u")], new RouteOptions()).Count);
}
