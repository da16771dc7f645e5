using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Latency;

namespace Monitor.Core.Tests.Analysis.Latency;

public sealed class LatencyPoolTests
{
    [Theory]
    [InlineData(1, 1, 100)]
    [InlineData(7, 3, 50_000)]
    [InlineData(2_000, 5, 120_000)]
    [InlineData(20_000, 2, 4_000_000)]
    [InlineData(50_000, 9, int.MaxValue)]
    public void Summary_ManySeries_EqualsTheSummaryOfMillisecondsSorted(int perSeries, int series, int maxMicros)
    {
        var random = new Random(perSeries ^ series);
        var pool = new LatencyPool();
        var all = new List<double>();
        for (var s = 0; s < series; s++)
        {
            var rtts = Enumerable.Range(0, perSeries).Select(_ => random.Next(0, maxMicros)).ToArray();
            pool.Add(perSeries + s, rtts);
            all.AddRange(rtts.Select(us => us / 1000.0));
        }

        var summary = pool.Summary();

        Assert.Equal(LatencySummary.FromUnsorted(pool.Sent, all), summary);
        Assert.Equal(summary, pool.Summary());
    }

    [Fact]
    public void SortAll_ManyPools_EachSortedAndSummariesUnchanged()
    {
        var random = new Random(12);
        var pools = Enumerable.Range(0, 40).Select(i =>
        {
            var pool = new LatencyPool();
            pool.Add(1000, [.. Enumerable.Range(0, i * 25).Select(_ => random.Next(0, 500_000))]);
            return pool;
        }).ToList();
        var expected = pools.Select(p => LatencySummary.FromUnsorted(p.Sent, [.. p.SortedMicroseconds().ToArray().Reverse().Select(us => us / 1000.0)])).ToList();
        var unsorted = pools.Select(p =>
        {
            var copy = new LatencyPool();
            copy.Add(p.Sent, [.. p.SortedMicroseconds().ToArray().Reverse()]);
            return copy;
        }).ToList();

        LatencyPool.SortAll(unsorted);

        Assert.Equal(expected, unsorted.Select(p => p.Summary()));
    }

    [Fact]
    public void Summary_SeveralPools_EqualsOnePoolOfEverything()
    {
        var random = new Random(5);
        var pools = Enumerable.Range(0, 4).Select(_ => new LatencyPool()).ToList();
        var everything = new LatencyPool();
        foreach (var pool in pools)
        {
            var rtts = Enumerable.Range(0, 700).Select(_ => random.Next(0, 300_000)).ToArray();
            pool.Add(800, rtts);
            everything.Add(800, rtts);
        }

        pools[1].Summary(); // one pool sorted already, the others not

        Assert.Equal(everything.Summary(), LatencyPool.Summary(pools));
        Assert.Equal(everything.Summary().P50Ms, LatencyPool.Median(pools));
    }

    [Theory]
    [InlineData(1, 1, 10)]
    [InlineData(3, 2, 1)]
    [InlineData(5, 7, 4)]
    [InlineData(40, 1_000, 3)]
    [InlineData(12, 333, 2_000_000)]
    [InlineData(2, 50_000, int.MaxValue)]
    public void Median_PoolsOfManySizes_EqualsTheMedianOfAllSorted(int poolCount, int maxPerPool, int maxMicros)
    {
        var random = new Random(poolCount * 31 + maxPerPool);
        var pools = new List<LatencyPool>();
        var all = new List<int>();
        for (var i = 0; i < poolCount; i++)
        {
            // Some pools empty, many equal values when maxMicros is small.
            var rtts = Enumerable.Range(0, random.Next(0, maxPerPool + 1)).Select(_ => random.Next(0, maxMicros)).ToArray();
            var pool = new LatencyPool();
            pool.Add(rtts.Length, rtts);
            pools.Add(pool);
            all.AddRange(rtts);
        }

        all.Sort();
        var expected = all.Count == 0 ? (double?)null : Percentiles.OfSortedMicroseconds(all.ToArray(), 0.5);

        Assert.Equal(expected, LatencyPool.Median(pools));
    }

    [Fact]
    public void Median_NoRtts_IsNull() => Assert.Null(LatencyPool.Median([new LatencyPool()]));

    [Fact]
    public void Add_NegativeRtt_ThrowsWhenSorted()
    {
        var pool = new LatencyPool();
        pool.Add(600, Enumerable.Range(0, 600).Select(i => i == 300 ? -1 : i).ToArray());

        Assert.Throws<ArgumentException>(() => pool.Summary());
    }

    [Theory]
    [InlineData(new[] { 5 }, 0.5, 0.005)]
    [InlineData(new[] { 1000, 2000 }, 0.5, 1.5)]
    [InlineData(new[] { 1000, 2000, 4000, 8000 }, 0.95, 7.4)]
    public void OfSortedMicroseconds_Values_MatchTheMillisecondPercentile(int[] micros, double p, double expectedMs)
    {
        Assert.Equal(expectedMs, Percentiles.OfSortedMicroseconds(micros, p), 9);
        Assert.Equal(Percentiles.OfSorted([.. micros.Select(us => us / 1000.0)], p), Percentiles.OfSortedMicroseconds(micros, p));
    }
}
