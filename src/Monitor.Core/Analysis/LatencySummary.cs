namespace Monitor.Core.Analysis;

/// <summary>
/// Latency statistics over a set of probes. RTT figures are over answered probes only and are null
/// when nothing answered; loss is the share of probes that got no answer (timeouts, network errors
/// and malformed responses).
/// </summary>
/// <param name="Sent">Probes sent.</param>
/// <param name="Answered">Probes answered (any rcode).</param>
/// <param name="MinMs">Smallest RTT.</param>
/// <param name="P50Ms">Median RTT (type 7, see <see cref="Percentiles"/>).</param>
/// <param name="MeanMs">Arithmetic mean RTT.</param>
/// <param name="P95Ms">95th percentile RTT.</param>
/// <param name="MaxMs">Largest RTT.</param>
/// <param name="StdDevMs">Sample standard deviation (n − 1); 0 for a single sample.</param>
public sealed record LatencySummary(
    int Sent,
    int Answered,
    double? MinMs,
    double? P50Ms,
    double? MeanMs,
    double? P95Ms,
    double? MaxMs,
    double? StdDevMs)
{
    /// <summary>90th percentile RTT.</summary>
    public double? P90Ms { get; init; }

    /// <summary>99th percentile RTT.</summary>
    public double? P99Ms { get; init; }

    /// <summary>Probes without an answer.</summary>
    public int Lost => Sent - Answered;

    /// <summary>Loss in percent of probes sent; 0 when nothing was sent.</summary>
    public double LossPercent => Sent == 0 ? 0 : 100.0 * Lost / Sent;

    /// <summary>Summarises RTTs (ms) of the answered probes among <paramref name="sent"/> probes.</summary>
    /// <exception cref="ArgumentException">More RTTs than probes sent, or an RTT that is negative or not finite.</exception>
    public static LatencySummary From(int sent, IEnumerable<double> rttsMs)
    {
        ArgumentNullException.ThrowIfNull(rttsMs);
        var sorted = rttsMs.ToList();
        return FromUnsorted(sent, sorted);
    }

    /// <summary>Summarises RTTs (ms) in a list this method may sort in place.</summary>
    /// <exception cref="ArgumentException">More RTTs than probes sent, or an RTT that is negative or not finite.</exception>
    public static LatencySummary FromUnsorted(int sent, List<double> sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Any(r => !double.IsFinite(r) || r < 0))
        {
            throw new ArgumentException("RTTs must be finite and non-negative.", nameof(sorted));
        }

        if (sent < sorted.Count)
        {
            throw new ArgumentException($"{sorted.Count} RTTs cannot come from {sent} probes.", nameof(sent));
        }

        if (sorted.Count == 0)
        {
            return new LatencySummary(sent, 0, null, null, null, null, null, null);
        }

        sorted.Sort();
        return FromSorted(sent, new SortedMilliseconds(sorted));
    }

    /// <summary>Summarises RTTs given in whole microseconds, already sorted ascending (the columnar analysis' form).</summary>
    /// <exception cref="ArgumentException">More RTTs than probes sent, or a negative RTT.</exception>
    public static LatencySummary FromSortedMicroseconds(int sent, ReadOnlySpan<int> sorted)
    {
        if (sent < sorted.Length)
        {
            throw new ArgumentException($"{sorted.Length} RTTs cannot come from {sent} probes.", nameof(sent));
        }

        if (sorted.Length > 0 && sorted[0] < 0)
        {
            throw new ArgumentException("RTTs must be non-negative.", nameof(sorted));
        }

        return sorted.Length == 0 ? new LatencySummary(sent, 0, null, null, null, null, null, null) : FromSorted(sent, new SortedMicroseconds(sorted));
    }

    private static LatencySummary FromSorted<T>(int sent, T sorted)
        where T : ISortedValues, allows ref struct
    {
        // Welford's update keeps the variance accurate for many samples of similar size.
        double mean = 0, m2 = 0;
        var n = sorted.Count;
        for (var i = 0; i < n; i++)
        {
            var x = sorted[i];
            var delta = x - mean;
            mean += delta / (i + 1);
            m2 += delta * (x - mean);
        }

        // Rounding can push the mean a hair outside [min, max] for equal samples; it never is.
        var (min, max) = (sorted[0], sorted[n - 1]);
        mean = Math.Clamp(mean, min, max);
        var stdDev = n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0;
        return new LatencySummary(
            sent,
            n,
            min,
            Percentiles.OfSorted(sorted, 0.50),
            mean,
            Percentiles.OfSorted(sorted, 0.95),
            max,
            stdDev)
        {
            P90Ms = Percentiles.OfSorted(sorted, 0.90),
            P99Ms = Percentiles.OfSorted(sorted, 0.99),
        };
    }
}
