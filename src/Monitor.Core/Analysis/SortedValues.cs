namespace Monitor.Core.Analysis;

/// <summary>
/// Samples sorted ascending, read as milliseconds: what <see cref="Percentiles"/> and
/// <see cref="LatencySummary"/> walk, whether the samples are doubles in milliseconds or whole microseconds
/// (the columns), so that both give the same figures bit for bit (µs ÷ 1000 is what the store's RTT reads as
/// in milliseconds).
/// </summary>
internal interface ISortedValues
{
    /// <summary>How many samples.</summary>
    int Count { get; }

    /// <summary>The sample at a rank, in milliseconds.</summary>
    double this[int index] { get; }
}

/// <summary>Sorted milliseconds in a list.</summary>
internal readonly struct SortedMilliseconds(IReadOnlyList<double> sorted) : ISortedValues
{
    public int Count => sorted.Count;

    public double this[int index] => sorted[index];
}

/// <summary>Milliseconds in a span, sorted (or with the ranks read in place, as a selection leaves them).</summary>
internal readonly ref struct SortedSpan(ReadOnlySpan<double> sorted) : ISortedValues
{
    private readonly ReadOnlySpan<double> _sorted = sorted;

    public int Count => _sorted.Length;

    public double this[int index] => _sorted[index];
}

/// <summary>Sorted whole microseconds, read as milliseconds.</summary>
internal readonly ref struct SortedMicroseconds(ReadOnlySpan<int> sorted) : ISortedValues
{
    private readonly ReadOnlySpan<int> _sorted = sorted;

    public int Count => _sorted.Length;

    public double this[int index] => _sorted[index] / 1000.0;
}
