using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Watch;

namespace Monitor.Core.Tests.Analysis.Watch;

/// <summary>The online route watch against the classifier's rules (persistence 3, outage 3 by default).</summary>
public sealed class RouteWatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Feeds a series written one probe per character: a letter is a site, '-' no answer, '?' an answer naming no site; returns "index:kind" per event.</summary>
    private static List<string> Run(string series, RouteOptions? options = null)
    {
        var watch = new RouteWatch(options ?? new RouteOptions());
        var events = new List<string>();
        for (var i = 0; i < series.Length; i++)
        {
            var c = series[i];
            var site = c is '-' or '?' ? null : c.ToString();
            foreach (var e in watch.Add("t", "vp", T0.AddSeconds(i), c != '-', site))
            {
                events.Add(e.Kind switch
                {
                    RouteWatchKind.Shift => $"{i}:shift {e.From}>{e.To}",
                    RouteWatchKind.OutageStarted => $"{i}:outage",
                    _ => $"{i}:end",
                });
            }
        }

        return events;
    }

    [Theory]
    [InlineData("aaaaaa", "")]
    [InlineData("aaabbb", "5:shift a>b")]
    [InlineData("aaabbab", "")]
    [InlineData("aaab-b-b", "7:shift a>b")]
    [InlineData("aaabbbccc", "5:shift a>b|8:shift b>c")]
    [InlineData("aaa---a", "5:outage|6:end")]
    [InlineData("aaa--a", "")]
    [InlineData("aaa----?", "5:outage|7:end")]
    [InlineData("---aaa", "2:outage|3:end")]
    [InlineData("aaa---bb", "5:outage|6:end")]
    [InlineData("aaabb---b", "7:outage|8:end|8:shift a>b")]
    [InlineData("ab?ab?", "")]
    public void Add_Series_EventsFollowTheClassifierRules(string series, string expected)
    {
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), Run(series));
    }

    [Fact]
    public void Add_ShorterPersistence_ShiftsSooner()
    {
        Assert.Equal(["3:shift a>b"], Run("aabb", new RouteOptions { Persistence = 2 }));
    }

    [Fact]
    public void Add_Shift_NamesWhenTheNewSiteFirstAnswered()
    {
        var watch = new RouteWatch(new RouteOptions());
        foreach (var (site, i) in "aaabbb".Select((c, i) => (c.ToString(), i)))
        {
            var events = watch.Add("t", "vp", T0.AddSeconds(i), true, site);
            if (i == 5)
            {
                var shift = Assert.Single(events);
                Assert.Equal((T0.AddSeconds(3), T0.AddSeconds(5), 3), (shift.Since, shift.At, shift.Probes));
            }
        }

        Assert.Equal("b", watch.StableSite("t", "vp"));
    }

    [Fact]
    public void Add_SeriesOfOtherTargetsAndVantages_AreKeptApart()
    {
        var watch = new RouteWatch(new RouteOptions());
        var events = new List<RouteWatchEvent>();
        for (var i = 0; i < 3; i++)
        {
            events.AddRange(watch.Add("t", "vp", T0.AddSeconds(i), true, "a"));
            events.AddRange(watch.Add("t", "other", T0.AddSeconds(i), true, "b"));
            events.AddRange(watch.Add("u", "vp", T0.AddSeconds(i), false, null));
        }

        Assert.Equal(("u", RouteWatchKind.OutageStarted), (Assert.Single(events).TargetId, events[0].Kind));
        Assert.Equal(("a", "b"), (watch.StableSite("t", "vp"), watch.StableSite("t", "other")));
    }
}
