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

    /// <summary>Latency over the pool.</summary>
    public LatencySummary Summary() => LatencySummary.FromSortedMicroseconds(Sent, SortedMicroseconds());

    /// <summary>Latency over several pools together.</summary>
    public static LatencySummary Summary(IEnumerable<LatencyPool> pools)
    {
        ArgumentNullException.ThrowIfNull(pools);
        var list = pools.ToList();
        return LatencySummary.FromSortedMicroseconds(list.Sum(p => p.Sent), Merged(list));
    }

    /// <summary>The median (ms) over several pools together, or null when none has an RTT.</summary>
    public static double? Median(IReadOnlyList<LatencyPool> pools)
    {
        ArgumentNullException.ThrowIfNull(pools);
        var merged = Merged(pools);
        return merged.Length == 0 ? null : Percentiles.OfSortedMicroseconds(merged, 0.5);
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
}
