using Monitor.Core.Analysis;
using Monitor.Reporting.View;

namespace Monitor.Reporting.Tests.View;

public sealed class SelectionTests
{
    [Theory]
    [InlineData(1, 1000.0, 1)]
    [InlineData(2, 1000.0, 2)]
    [InlineData(17, 1000.0, 3)]
    [InlineData(1000, 1000.0, 4)]
    [InlineData(100_001, 1e6, 5)]
    [InlineData(5000, 3.0, 6)] // three distinct values: many equal ones
    [InlineData(4096, 1.0, 7)] // one value
    public void Quantiles_AnyValues_SameAsPercentilesOfTheSortedValues(int count, double range, int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, count).Select(_ => Math.Floor(random.NextDouble() * range) / 10).ToArray();
        var sorted = values.Order().ToArray();
        double[] ps = [0, 0.1, 0.25, 0.5, 0.9, 0.99, 1];
        var results = new double[ps.Length];

        Selection.Quantiles(values, ps, results);

        Assert.Equal(ps.Select(p => Percentiles.OfSorted(sorted, p)), results);
        Assert.Equal(sorted, values.Order());
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(20_000)]
    public void Quantile_SortedOrReversed_SameAsPercentiles(int count)
    {
        var ascending = Enumerable.Range(0, count).Select(i => i * 0.5).ToArray();
        var descending = ascending.Reverse().ToArray();

        Assert.Equal(Percentiles.OfSorted(ascending, 0.5), Selection.Quantile(ascending.ToArray(), 0.5));
        Assert.Equal(Percentiles.OfSorted(ascending, 0.9), Selection.Quantile(descending, 0.9));
    }

    [Fact]
    public void Quantile_Empty_Throws() =>
        Assert.Throws<ArgumentException>(() => Selection.Quantile(Span<double>.Empty, 0.5));
}
