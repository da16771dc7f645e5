namespace Monitor.Core.Analysis.Latency;

/// <summary>
/// Probes sent and RTTs of answers, pooled over series for percentiles: whole microseconds (4 bytes an
/// answer), sorted once when first summarised and shared by every summary made of the pool after that.
/// </summary>
public sealed class LatencyPool
{
    private int[] _micros = [];
    private int _count;
    private bool _sorted = true;

    /// <summary>Probes sent.</summary>
    public int Sent { get; private set; }

    /// <summary>RTTs pooled.</summary>
    public int Answered => _count;

    /// <summary>Adds one series' probes and RTTs in whole microseconds.</summary>
    public void Add(int sent, ReadOnlySpan<int> rttMicros)
    {
        Sent += sent;
        if (rttMicros.IsEmpty)
        {
            return;
        }

        if (_count + rttMicros.Length > _micros.Length)
        {
            Array.Resize(ref _micros, Math.Max(_count + rttMicros.Length, Math.Max(16, _micros.Length * 2)));
        }

        rttMicros.CopyTo(_micros.AsSpan(_count));
        _count += rttMicros.Length;
        _sorted = false;
    }

    /// <summary>The RTTs in whole microseconds, ascending (sorted here the first time).</summary>
    public ReadOnlySpan<int> SortedMicroseconds()
    {
        if (!_sorted)
        {
            MicrosecondSort.Sort(_micros.AsSpan(0, _count));
            _sorted = true;
        }

        return _micros.AsSpan(0, _count);
    }

    /// <summary>Sorts every pool not sorted yet, on every core (each pool is sorted once, by one thread).</summary>
    public static void SortAll(IEnumerable<LatencyPool> pools)
    {
        ArgumentNullException.ThrowIfNull(pools);
        Parallel.ForEach(pools.Where(p => !p._sorted).OrderByDescending(p => p._count), pool => pool.SortedMicroseconds());
    }

    /// <summary>Latency over the pool.</summary>
    public LatencySummary Summary() => LatencySummary.FromSortedMicroseconds(Sent, SortedMicroseconds());

    /// <summary>Latency over several pools together.</summary>
    public static LatencySummary Summary(IEnumerable<LatencyPool> pools)
    {
        ArgumentNullException.ThrowIfNull(pools);
        var list = pools.ToList();
        return LatencySummary.FromSortedMicroseconds(list.Sum(p => p.Sent), Merged(list));
    }

    /// <summary>
    /// The median (ms) over several pools together, or null when none has an RTT: the two middle ranks of the pools
    /// together are found in the pools' own sorted RTTs (<see cref="Ranks"/>), nothing is copied or sorted again.
    /// </summary>
    public static double? Median(IReadOnlyList<LatencyPool> pools)
    {
        ArgumentNullException.ThrowIfNull(pools);
        var ranks = new Ranks(pools);
        return ranks.Count == 0 ? null : Percentiles.OfSorted(ranks, 0.5);
    }

    /// <summary>The RTTs of several pools in one ascending span: one pool's own when it is alone, else a merge.</summary>
    private static ReadOnlySpan<int> Merged(IReadOnlyList<LatencyPool> pools)
    {
        if (pools.Count == 1)
        {
            return pools[0].SortedMicroseconds();
        }

        var all = new int[pools.Sum(p => p._count)];
        var at = 0;
        foreach (var pool in pools)
        {
            pool._micros.AsSpan(0, pool._count).CopyTo(all.AsSpan(at));
            at += pool._count;
        }

        MicrosecondSort.Sort(all);
        return all;
    }

    /// <summary>
    /// The RTTs of several sorted pools as one ascending sequence, read rank by rank without merging them: the
    /// value at rank k is the smallest RTT with more than k RTTs at or below it, found by halving the range of
    /// values and counting in each pool by binary search (a few hundred steps a rank, whatever the pools' size).
    /// </summary>
    private readonly struct Ranks : ISortedValues
    {
        private readonly int[][] _sorted;
        private readonly int[] _counts;

        public Ranks(IReadOnlyList<LatencyPool> pools)
        {
            _sorted = new int[pools.Count][];
            _counts = new int[pools.Count];
            for (var i = 0; i < pools.Count; i++)
            {
                _ = pools[i].SortedMicroseconds();
                (_sorted[i], _counts[i]) = (pools[i]._micros, pools[i]._count);
                Count += pools[i]._count;
            }
        }

        public int Count { get; }

        public double this[int index] => ValueAt(index) / 1000.0;

        private int ValueAt(int rank)
        {
            int low = int.MaxValue, high = int.MinValue;
            for (var i = 0; i < _sorted.Length; i++)
            {
                if (_counts[i] > 0)
                {
                    low = Math.Min(low, _sorted[i][0]);
                    high = Math.Max(high, _sorted[i][_counts[i] - 1]);
                }
            }

            // The smallest value v in [low, high] with more than rank values <= v.
            while (low < high)
            {
                var mid = low + ((high - low) / 2);
                long atOrBelow = 0;
                for (var i = 0; i < _sorted.Length; i++)
                {
                    atOrBelow += UpperBound(_sorted[i].AsSpan(0, _counts[i]), mid);
                }

                if (atOrBelow > rank)
                {
                    high = mid;
                }
                else
                {
                    low = mid + 1;
                }
            }

            return low;
        }

        /// <summary>How many values of an ascending span are at or below <paramref name="value"/>.</summary>
        private static int UpperBound(ReadOnlySpan<int> sorted, int value)
        {
            int low = 0, high = sorted.Length;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (sorted[mid] <= value)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return low;
        }
    }
}
