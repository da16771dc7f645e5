using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Latency;

namespace Monitor.Core.Tests.Analysis.Latency;

public sealed class RttHistogramTests
{
    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(9.999, 0)]
    [InlineData(10.0, 1)]
    [InlineData(10.0999, 1)]
    [InlineData(10.1001, 2)]
    [InlineData(59_999_999.0, -1)]
    [InlineData(60_000_000.0, -2)]
    [InlineData(1e12, -2)]
    public void BucketOf_Edges_AreThoseOfTheRange(double microseconds, int expected)
    {
        // -1: the last regular bucket, -2: the one above it.
        var want = expected switch
        {
            -1 => RttHistogram.RegularBuckets,
            -2 => RttHistogram.RegularBuckets + 1,
            _ => expected,
        };

        Assert.Equal(want, RttHistogram.BucketOf(microseconds));
    }

    [Fact]
    public void ValueOf_EveryRegularBucket_IsWithinHalfAPercentOfItsValues()
    {
        for (var bucket = 1; bucket <= RttHistogram.RegularBuckets; bucket++)
        {
            var lower = RttHistogram.MinimumMicroseconds * Math.Pow(RttHistogram.Growth, bucket - 1);
            var upper = Math.Min(lower * RttHistogram.Growth, RttHistogram.MaximumMicroseconds);
            var value = RttHistogram.ValueOf(bucket);
            Assert.InRange(value, lower, upper * 1.0000001);
            Assert.True(Math.Abs(value - lower) <= 0.005 * lower && Math.Abs(upper - value) <= 0.005 * upper, $"bucket {bucket}: {lower}–{upper}, read as {value}");
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.95)]
    [InlineData(0.99)]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Percentile_MergedHalves_IsWithinOnePercentOfTheExact(double p)
    {
        var random = new Random(5);
        var values = Enumerable.Range(0, 5000).Select(_ => Math.Round(30_000 * Math.Exp(0.8 * ((random.NextDouble() * 2) - 1)))).ToList();
        var (a, b, whole) = (new RttHistogram(), new RttHistogram(), new RttHistogram());
        for (var i = 0; i < values.Count; i++)
        {
            (i % 3 == 0 ? a : b).AddMicroseconds(values[i]);
            whole.AddMicroseconds(values[i]);
        }

        a.Merge(b);
        var exact = Percentiles.OfSorted([.. values.Order()], p);

        Assert.Equal(whole.Buckets, a.Buckets);
        Assert.Equal(values.Count, a.Count);
        Assert.InRange(a.Percentile(p).TotalMicroseconds, exact * 0.99, exact * 1.01);
    }

    [Fact]
    public void Percentile_Empty_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new RttHistogram().Percentile(0.5));
}
