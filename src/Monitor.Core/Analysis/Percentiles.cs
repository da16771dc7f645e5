namespace Monitor.Core.Analysis;

/// <summary>
/// Percentiles by linear interpolation between closest ranks (Hyndman and Fan type 7, the default of
/// R, NumPy and spreadsheet PERCENTILE.INC): for sorted samples x[0..n-1] and p in [0, 1], the rank is
/// h = (n − 1)·p and the value x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). p = 0 gives the minimum,
/// p = 1 the maximum, and the result always lies between them.
/// </summary>
public static class Percentiles
{
    /// <summary>The p-th quantile (p in [0, 1]) of samples already sorted ascending.</summary>
    /// <exception cref="ArgumentException">No samples, or p outside [0, 1].</exception>
    public static double OfSorted(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return OfSorted(new SortedMilliseconds(sorted), p);
    }

    /// <summary>
    /// The p-th quantile (p in [0, 1]) of samples in a span: sorted ascending, or at least with the values of
    /// ranks ⌊(n − 1)·p⌋ and the next one (and the last, when that is the rank) in their sorted places, which is
    /// all this reads (a selection leaves them so).
    /// </summary>
    /// <exception cref="ArgumentException">No samples, or p outside [0, 1].</exception>
    public static double OfSorted(ReadOnlySpan<double> sorted, double p) => OfSorted(new SortedSpan(sorted), p);

    /// <summary>The p-th quantile, in ms, of whole microseconds already sorted ascending.</summary>
    /// <exception cref="ArgumentException">No samples, or p outside [0, 1].</exception>
    public static double OfSortedMicroseconds(ReadOnlySpan<int> sorted, double p) => OfSorted(new SortedMicroseconds(sorted), p);

    internal static double OfSorted<T>(T sorted, double p)
        where T : ISortedValues, allows ref struct
    {
        if (sorted.Count == 0)
        {
            throw new ArgumentException("A percentile needs at least one sample.", nameof(sorted));
        }

        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p is a fraction in [0, 1].");
        }

        var h = (sorted.Count - 1) * p;
        var lower = (int)Math.Floor(h);
        if (lower >= sorted.Count - 1)
        {
            return sorted[sorted.Count - 1];
        }

        var fraction = h - lower;
        return sorted[lower] + (fraction * (sorted[lower + 1] - sorted[lower]));
    }
}
