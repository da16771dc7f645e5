using Monitor.Core.Analysis.Watch;

namespace Monitor.Core.Tests.Analysis.Watch;

/// <summary>Loss and median thresholds over a sliding window.</summary>
public sealed class ThresholdWatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One probe a second, written as RTTs in ms ('-' unanswered); returns "index:kind:firing|resolved" per event.</summary>
    private static List<string> Run(ThresholdWatch watch, params string[] probes)
    {
        var events = new List<string>();
        for (var i = 0; i < probes.Length; i++)
        {
            var answered = probes[i] != "-";
            TimeSpan? rtt = answered ? TimeSpan.FromMilliseconds(double.Parse(probes[i], System.Globalization.CultureInfo.InvariantCulture)) : null;
            events.AddRange(watch.Add("t", "vp", T0.AddSeconds(i), answered, rtt).Select(e => $"{i}:{e.Kind}:{(e.Firing ? "firing" : "resolved")}"));
        }

        return events;
    }

    [Theory]
    [InlineData("10 10 10 10 10 10", "")]
    [InlineData("10 - 10 - 10 10", "1:Loss:firing|2:Loss:resolved|3:Loss:firing|5:Loss:resolved")]
    [InlineData("- - - - 10 10 10 10", "1:Loss:firing|6:Loss:resolved")]
    [InlineData("10 10 10 10 - -", "5:Loss:firing")]
    public void Add_Loss_FiresAboveAndResolvesAtOrUnderTheLimit(string probes, string expected)
    {
        // window 4s: the last four probes; loss above 40% fires.
        var watch = new ThresholdWatch(TimeSpan.FromSeconds(4), 0.4, null, minProbes: 2);
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), Run(watch, probes.Split(' ')));
    }

    [Theory]
    [InlineData("10 10 10 10 10", "")]
    [InlineData("10 60 60 60 10 10 10", "2:MedianRtt:firing|5:MedianRtt:resolved")]
    [InlineData("60 - - - 10", "0:MedianRtt:firing|4:MedianRtt:resolved")]
    public void Add_MedianRtt_JudgesAnsweredProbesOnly(string probes, string expected)
    {
        // window 3s, median above 50 ms fires; unanswered probes neither raise nor lower the median.
        var watch = new ThresholdWatch(TimeSpan.FromSeconds(3), null, TimeSpan.FromMilliseconds(50), minProbes: 1);
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), Run(watch, probes.Split(' ')));
    }

    [Fact]
    public void Add_FewerProbesThanTheMinimum_NotJudged()
    {
        var watch = new ThresholdWatch(TimeSpan.FromMinutes(5), 0.1, null, minProbes: 5);
        Assert.Equal(["4:Loss:firing"], Run(watch, "-", "-", "-", "-", "-"));
    }

    [Fact]
    public void Add_Resolve_CarriesWhenItFired()
    {
        var watch = new ThresholdWatch(TimeSpan.FromSeconds(2), 0.4, null, minProbes: 1);
        watch.Add("t", "vp", T0, false, null);
        var resolved = Assert.Single(watch.Add("t", "vp", T0.AddSeconds(2), true, TimeSpan.FromMilliseconds(1)));
        Assert.Equal((false, T0, T0.AddSeconds(2), 0.0), (resolved.Firing, resolved.Since, resolved.At, resolved.Value));
    }
}
