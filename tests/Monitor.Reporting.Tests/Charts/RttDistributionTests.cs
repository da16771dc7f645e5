using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Sites;
using Monitor.Reporting.Charts;
using Monitor.Testing;

namespace Monitor.Reporting.Tests.Charts;

public sealed class RttDistributionTests
{
    [Theory]
    [InlineData(10, 1)]
    [InlineData(RttDistribution.ExactUpTo, 2)]
    [InlineData(RttDistribution.ExactUpTo + 1, 3)]
    [InlineData(300_000, 4)]
    public void Of_ManyProbes_ExactCountExtremesAndMedianRanksWithinAThousandth(int count, int seed)
    {
        var random = new Random(seed);

        // Two series, log-normal-ish RTTs from 0.2 ms to some seconds, µs resolution, some lost and some zero.
        var rtts = Enumerable.Range(0, count).Select(i => i % 50 == 7 ? double.NaN : i % 77 == 3 ? 0 : Math.Round(Math.Exp((random.NextDouble() * 9) - 1.5) * 1000) / 1000).ToArray();
        var series = new[] { Columns(rtts[..(count / 3)]), Columns(rtts[(count / 3)..]) };
        var positive = series.SelectMany(c => c.Rtts.ToArray()).Where(r => r > 0).Order().ToArray();

        var d = RttDistribution.Of(series);

        Assert.Equal(positive.Length, d.Count);
        Assert.Equal(positive[0], d.Min);
        Assert.Equal(positive[^1], d.Max);
        Assert.Equal(Percentiles.OfSorted(positive, 0.5), d.Median);
        Assert.Equal(positive[0], d.AtRank(0));
        Assert.Equal(positive[^1], d.AtRank(d.Count - 1));
        foreach (var rank in Enumerable.Range(0, 400).Select(j => (long)Math.Round(j / 399.0 * (d.Count - 1))))
        {
            var exact = positive[rank];
            if (d.Count <= RttDistribution.ExactUpTo)
            {
                Assert.Equal(exact, d.AtRank(rank));
            }
            else
            {
                Assert.InRange(d.AtRank(rank), exact * 0.999, exact * 1.001);
            }
        }
    }

    [Fact]
    public void Of_NoAnswers_Empty()
    {
        var d = RttDistribution.Of([Columns([double.NaN, 0])]);

        Assert.Equal(0, d.Count);
    }

    private static SeriesColumns Columns(IEnumerable<double> rtts)
    {
        var builder = new SeriesSetBuilder(SiteResolver.CreateDefault().Resolve);
        var t = Some.Instant;
        foreach (var rtt in rtts)
        {
            t = t.AddSeconds(1);
            builder.Add(double.IsNaN(rtt) ? Some.Measurement("vp", "t", t, Core.Domain.ProbeOutcome.Timeout) : Some.Measurement("vp", "t", t, rttMs: rtt));
        }

        return builder.Build().Columns("vp", "t")!;
    }
}
