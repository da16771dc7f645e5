using System.Runtime.CompilerServices;

namespace Monitor.Reporting.View;

/// <summary>
/// Exact percentiles without sorting: the ranks a type-7 quantile reads are put in their sorted places by
/// selection (Hoare partitions, in linear time on average), and <see cref="Core.Analysis.Percentiles.OfSorted(ReadOnlySpan{double}, double)"/>
/// reads them, so the values are those of the sorted samples. The span is reordered.
/// </summary>
internal static class Selection
{
    private const int SortBelow = 16;

    /// <summary>The p-th quantile (type 7) of the values; reorders them. The values must not be NaN.</summary>
    public static double Quantile(Span<double> values, double p)
    {
        Span<double> result = stackalloc double[1];
        Quantiles(values, [p], result);
        return result[0];
    }

    /// <summary>The quantiles (type 7) <paramref name="ps"/> of the values into <paramref name="results"/>; reorders the values, which must not be NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Quantiles(Span<double> values, ReadOnlySpan<double> ps, Span<double> results)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("A percentile needs at least one sample.", nameof(values));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(results.Length, ps.Length);
        Span<int> ranks = stackalloc int[2 * ps.Length];
        var n = 0;
        foreach (var p in ps)
        {
            if (double.IsNaN(p) || p < 0 || p > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(ps), p, "p is a fraction in [0, 1].");
            }

            var lower = (int)Math.Floor((values.Length - 1) * p);
            ranks[n++] = Math.Min(lower, values.Length - 1);
            ranks[n++] = Math.Min(lower + 1, values.Length - 1);
        }

        ranks = ranks[..n];
        ranks.Sort();
        Select(values, ranks, 0);
        for (var i = 0; i < ps.Length; i++)
        {
            results[i] = Core.Analysis.Percentiles.OfSorted((ReadOnlySpan<double>)values, ps[i]);
        }
    }

    /// <summary>
    /// Puts the value of each rank in <paramref name="ranks"/> (sorted, 0-based in the whole span) at its place;
    /// <paramref name="values"/> is the part of the whole span from <paramref name="offset"/> that holds those ranks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Select(Span<double> values, ReadOnlySpan<int> ranks, int offset, int depth = 0)
    {
        while (!ranks.IsEmpty)
        {
            if (values.Length <= SortBelow || depth > 64)
            {
                // Small, or a pathological order: a sort places every rank.
                values.Sort();
                return;
            }

            // [0, split] holds the split + 1 smallest values, the rest the larger ones.
            var split = Partition(values);
            var left = 0;
            while (left < ranks.Length && ranks[left] - offset <= split)
            {
                left++;
            }

            if (left > 0)
            {
                Select(values[..(split + 1)], ranks[..left], offset, depth + 1);
            }

            values = values[(split + 1)..];
            ranks = ranks[left..];
            offset += split + 1;
            depth++;
        }
    }

    /// <summary>Hoare's partition around the median of the first, middle and last value: returns j with [0, j] ≤ pivot ≤ [j + 1, end), j &lt; end − 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Partition(Span<double> a)
    {
        var mid = a.Length / 2;
        var last = a.Length - 1;
        if (a[mid] < a[0])
        {
            (a[mid], a[0]) = (a[0], a[mid]);
        }

        if (a[last] < a[0])
        {
            (a[last], a[0]) = (a[0], a[last]);
        }

        if (a[last] < a[mid])
        {
            (a[last], a[mid]) = (a[mid], a[last]);
        }

        // The median to the front: with the pivot first, Hoare's scheme never leaves the right part empty.
        (a[0], a[mid]) = (a[mid], a[0]);
        var pivot = a[0];
        int i = -1, j = a.Length;
        while (true)
        {
            do
            {
                i++;
            }
            while (a[i] < pivot);

            do
            {
                j--;
            }
            while (a[j] > pivot);

            if (i >= j)
            {
                return j;
            }

            (a[i], a[j]) = (a[j], a[i]);
        }
    }
}
