using CsCheck;

using Monitor.Core.Analysis;

namespace Monitor.Core.Tests.Analysis;

public sealed class PercentilesTests
{
    [Theory]
    [InlineData(new[] { 1.0 }, 0.5, 1.0)]
    [InlineData(new[] { 1.0, 2.0 }, 0.5, 1.5)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0 }, 0.5, 2.5)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 5.0 }, 0.5, 3.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 5.0 }, 0.0, 1.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 5.0 }, 1.0, 5.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 5.0 }, 0.95, 4.8)]
    [InlineData(new[] { 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0 }, 0.9, 91.0)]
    public void OfSorted_KnownTable_MatchesType7(double[] sorted, double p, double expected) =>
        Assert.Equal(expected, Percentiles.OfSorted(sorted, p), 9);

    [Fact]
    public void OfSorted_NoSamples_Throws() =>
        Assert.Throws<ArgumentException>(() => Percentiles.OfSorted([], 0.5));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void OfSorted_PoutsideUnitInterval_Throws(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.OfSorted([1.0, 2.0], p));

    [Fact]
    public void OfSorted_AnySamples_IsMonotoneInPAndWithinRange() =>
        Gen.Double[0, 10_000].Array[1, 200].Select(Gen.Double[0, 1], Gen.Double[0, 1])
            .Sample((samples, p1, p2) =>
            {
                Array.Sort(samples);
                var (lo, hi) = p1 <= p2 ? (p1, p2) : (p2, p1);
                var a = Percentiles.OfSorted(samples, lo);
                var b = Percentiles.OfSorted(samples, hi);
                return a <= b && a >= samples[0] && b <= samples[^1];
            });
}
