using System.Runtime.CompilerServices;

namespace Monitor.Reporting.Charts;

/// <summary>
/// The answered RTTs above zero of some series, as a CDF line needs them: the count, the exact minimum,
/// maximum and median, and the value at any rank. Up to <see cref="ExactUpTo"/> values they are kept sorted,
/// so every rank is exact (a small report draws what it always drew); above, they are counted in bins a
/// thousandth of their value wide (the top ten mantissa bits of the double), finer than a pixel of the
/// log axis, and no copy of the values is kept or sorted.
/// </summary>
internal sealed class RttDistribution
{
    /// <summary>Up to this many values every rank is exact.</summary>
    public const int ExactUpTo = 1 << 16;

    private const int MantissaBits = 52;
    private const int MaxBins = 1 << 16;

    private readonly double[]? _sorted;
    private readonly long[] _cumulative = [];
    private readonly long _firstKey;
    private readonly int _shift;

    private RttDistribution(long count, double min, double max, double median, double[]? sorted, long[] cumulative, long firstKey, int shift)
    {
        (Count, Min, Max, Median, _sorted, _cumulative, _firstKey, _shift) = (count, min, max, median, sorted, cumulative, firstKey, shift);
    }

    /// <summary>How many values.</summary>
    public long Count { get; }

    /// <summary>The smallest value (ms).</summary>
    public double Min { get; }

    /// <summary>The largest value (ms).</summary>
    public double Max { get; }

    /// <summary>The exact median (type 7), ms.</summary>
    public double Median { get; }

    /// <summary>The RTTs above zero of <paramref name="series"/>: one pass to count them, one to bin them, one for the median's bin.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RttDistribution Of(IReadOnlyList<SeriesColumns> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        long count = 0;
        double min = double.MaxValue, max = 0;
        foreach (var c in series)
        {
            count += c.Positive;
            foreach (var v in c.Rtts)
            {
                if (v > 0)
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }
        }

        if (count == 0)
        {
            return new RttDistribution(0, double.NaN, double.NaN, double.NaN, [], [], 0, 0);
        }

        if (count <= ExactUpTo)
        {
            var sorted = new double[count];
            var n = 0;
            foreach (var c in series)
            {
                foreach (var v in c.Rtts)
                {
                    if (v > 0)
                    {
                        sorted[n++] = v;
                    }
                }
            }

            Array.Sort(sorted);
            return new RttDistribution(count, min, max, Core.Analysis.Percentiles.OfSorted(sorted, 0.5), sorted, [], 0, 0);
        }

        // Positive doubles order as their bits: a bin is the top bits, MantissaBits - shift of them after the exponent.
        var shift = MantissaBits - 10;
        while ((Bits(max) >> shift) - (Bits(min) >> shift) + 1 > MaxBins)
        {
            shift++;
        }

        var first = Bits(min) >> shift;
        var cumulative = new long[(Bits(max) >> shift) - first + 2];
        foreach (var c in series)
        {
            foreach (var v in c.Rtts)
            {
                if (v > 0)
                {
                    cumulative[(Bits(v) >> shift) - first + 1]++;
                }
            }
        }

        for (var i = 1; i < cumulative.Length; i++)
        {
            cumulative[i] += cumulative[i - 1];
        }

        var median = ExactMedian(series, count, cumulative, first, shift);
        return new RttDistribution(count, min, max, median, null, cumulative, first, shift);
    }

    /// <summary>The value of rank <paramref name="rank"/> (0 is the smallest): exact up to <see cref="ExactUpTo"/> values and at both ends, else within its bin.</summary>
    public double AtRank(long rank)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, Count);
        if (_sorted is not null)
        {
            return _sorted[rank];
        }

        if (rank == 0)
        {
            return Min;
        }

        if (rank == Count - 1)
        {
            return Max;
        }

        var bin = BinOf(_cumulative, rank);
        var (low, high) = Bounds(bin + _firstKey, _shift);
        var before = _cumulative[bin];
        var inBin = _cumulative[bin + 1] - before;
        var value = low + ((high - low) * ((rank - before + 0.5) / inBin));
        return Math.Clamp(value, Min, Max);
    }

    private static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);

    private static (double Low, double High) Bounds(long key, int shift) =>
        (BitConverter.Int64BitsToDouble(key << shift), BitConverter.Int64BitsToDouble((key + 1) << shift));

    /// <summary>The bin holding rank <paramref name="rank"/>: the last i with cumulative[i] ≤ rank (cumulative[i] counts the bins before i).</summary>
    private static int BinOf(long[] cumulative, long rank)
    {
        int lo = 0, hi = cumulative.Length - 2;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (cumulative[mid] <= rank)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>The type-7 median from the values of the one or two bins holding its ranks, collected and sorted.</summary>
    private static double ExactMedian(IReadOnlyList<SeriesColumns> series, long count, long[] cumulative, long first, int shift)
    {
        var h = (count - 1) * 0.5;
        var lower = (long)Math.Floor(h);
        var upper = Math.Min(count - 1, lower + 1);
        var from = BinOf(cumulative, lower);
        var to = BinOf(cumulative, upper);
        var low = Bounds(from + first, shift).Low;
        var high = Bounds(to + first, shift).High;
        var values = new List<double>((int)Math.Min(int.MaxValue, cumulative[to + 1] - cumulative[from]));
        foreach (var c in series)
        {
            foreach (var v in c.Rtts)
            {
                if (v >= low && v < high)
                {
                    values.Add(v);
                }
            }
        }

        values.Sort();
        var a = values[(int)(lower - cumulative[from])];
        var b = values[(int)(upper - cumulative[from])];
        return a + ((h - lower) * (b - a));
    }
}
