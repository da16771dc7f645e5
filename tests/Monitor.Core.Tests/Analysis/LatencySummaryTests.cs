using CsCheck;

using Monitor.Core.Analysis;

namespace Monitor.Core.Tests.Analysis;

public sealed class LatencySummaryTests
{
    [Fact]
    public void From_KnownSamples_GivesKnownStatistics()
    {
        var summary = LatencySummary.From(6, [4.0, 1.0, 3.0, 2.0, 5.0]);

        Assert.Equal(6, summary.Sent);
        Assert.Equal(5, summary.Answered);
        Assert.Equal(1, summary.Lost);
        Assert.Equal(100.0 / 6, summary.LossPercent, 9);
        Assert.Equal(1.0, summary.MinMs);
        Assert.Equal(3.0, summary.P50Ms);
        Assert.Equal(3.0, summary.MeanMs!.Value, 9);
        Assert.Equal(4.8, summary.P95Ms!.Value, 9);
        Assert.Equal(5.0, summary.MaxMs);
        Assert.Equal(Math.Sqrt(2.5), summary.StdDevMs!.Value, 9);
    }

    [Fact]
    public void From_NothingAnswered_HasFullLossAndNoRtt()
    {
        var summary = LatencySummary.From(4, []);

        Assert.Equal(100.0, summary.LossPercent);
        Assert.Null(summary.MinMs);
        Assert.Null(summary.P50Ms);
        Assert.Null(summary.MeanMs);
        Assert.Null(summary.StdDevMs);
    }

    [Fact]
    public void From_NothingSent_HasZeroLoss() =>
        Assert.Equal(0.0, LatencySummary.From(0, []).LossPercent);

    [Fact]
    public void From_SingleSample_HasZeroStdDev() =>
        Assert.Equal(0.0, LatencySummary.From(1, [7.5]).StdDevMs);

    [Fact]
    public void From_MoreRttsThanSent_Throws() =>
        Assert.Throws<ArgumentException>(() => LatencySummary.From(1, [1.0, 2.0]));

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void From_InvalidRtt_Throws(double rtt) =>
        Assert.Throws<ArgumentException>(() => LatencySummary.From(1, [rtt]));

    [Fact]
    public void From_AnySamples_KeepsOrderInvariants() =>
        Gen.Double[0, 5_000].Array[1, 300].Select(Gen.Int[0, 50])
            .Sample((rtts, lost) =>
            {
                var s = LatencySummary.From(rtts.Length + lost, rtts);
                return s.MinMs <= s.P50Ms && s.P50Ms <= s.P95Ms && s.P95Ms <= s.MaxMs &&
                       s.MeanMs >= s.MinMs && s.MeanMs <= s.MaxMs &&
                       s.StdDevMs >= 0 &&
                       s.Lost == lost &&
                       Math.Abs(s.LossPercent - (100.0 * lost / (rtts.Length + lost))) < 1e-9;
            });

    [Fact]
    public void From_EqualSamples_MeanEqualsThem() =>
        Gen.Double[0.001, 5_000].Select(Gen.Int[1, 1000])
            .Sample((value, n) =>
            {
                var s = LatencySummary.From(n, Enumerable.Repeat(value, n));
                return s.MeanMs == value && s.MinMs == value && s.MaxMs == value && s.StdDevMs < 1e-9 * value + 1e-12;
            });
}
