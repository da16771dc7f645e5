namespace Monitor.Core.Analysis.Latency;

/// <summary>
/// RTTs counted in log-spaced buckets, each 1 % wider than the one before, from 0.01 ms to 60 s, kept
/// sparse (only buckets with a count): small enough to keep per series and hour, and mergeable, so a
/// month's percentiles come from hourly histograms instead of rows. A percentile is within 0.5 % of
/// the exact one (<see cref="Percentiles"/>, type 7) for RTTs in that range: each value is read as the
/// geometric middle of its bucket. Below 0.01 ms counts as 0.005 ms, 60 s and above as 60 s.
/// </summary>
public sealed class RttHistogram
{
    /// <summary>The lower edge of the first regular bucket, µs (0.01 ms).</summary>
    public const double MinimumMicroseconds = 10;

    /// <summary>The upper edge of the regular buckets, µs (60 s).</summary>
    public const double MaximumMicroseconds = 60_000_000;

    /// <summary>The ratio of a bucket's upper edge to its lower edge.</summary>
    public const double Growth = 1.01;

    private static readonly double LogGrowth = Math.Log(Growth);

    private readonly Dictionary<int, long> _counts = [];

    /// <summary>
    /// The regular buckets, numbered 1 to <see cref="RegularBuckets"/>; bucket 0 holds RTTs below
    /// <see cref="MinimumMicroseconds"/>, bucket <see cref="RegularBuckets"/> + 1 those from <see cref="MaximumMicroseconds"/>.
    /// </summary>
    public static int RegularBuckets { get; } = (int)Math.Ceiling(Math.Log(MaximumMicroseconds / MinimumMicroseconds) / LogGrowth);

    /// <summary>How many RTTs were counted.</summary>
    public long Count { get; private set; }

    /// <summary>The buckets with a count, in ascending order.</summary>
    public IEnumerable<KeyValuePair<int, long>> Buckets => _counts.OrderBy(b => b.Key);

    /// <summary>The bucket an RTT of <paramref name="microseconds"/> falls in.</summary>
    public static int BucketOf(double microseconds)
    {
        if (!(microseconds >= MinimumMicroseconds))
        {
            return 0;
        }

        if (microseconds >= MaximumMicroseconds)
        {
            return RegularBuckets + 1;
        }

        var bucket = 1 + (int)Math.Floor(Math.Log(microseconds / MinimumMicroseconds) / LogGrowth);
        return Math.Clamp(bucket, 1, RegularBuckets);
    }

    /// <summary>The value a bucket stands for, µs: the geometric middle of its edges.</summary>
    public static double ValueOf(int bucket) => bucket switch
    {
        <= 0 => MinimumMicroseconds / 2,
        _ when bucket > RegularBuckets => MaximumMicroseconds,
        _ => MinimumMicroseconds * Math.Pow(Growth, bucket - 0.5),
    };

    /// <summary>Counts one RTT.</summary>
    public void Add(TimeSpan rtt) => AddMicroseconds(rtt.TotalMicroseconds);

    /// <summary>Counts one RTT of <paramref name="microseconds"/>.</summary>
    public void AddMicroseconds(double microseconds) => AddToBucket(BucketOf(microseconds), 1);

    /// <summary>Adds <paramref name="count"/> to bucket <paramref name="bucket"/> (as read back from storage).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such bucket, or a negative count.</exception>
    public void AddToBucket(int bucket, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bucket);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bucket, RegularBuckets + 1);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        _counts[bucket] = _counts.GetValueOrDefault(bucket) + count;
        Count += count;
    }

    /// <summary>Adds every count of <paramref name="other"/> to this histogram.</summary>
    public void Merge(RttHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (bucket, count) in other._counts)
        {
            AddToBucket(bucket, count);
        }
    }

    /// <summary>
    /// The p-th quantile (p in [0, 1]) as <see cref="Percentiles"/> defines it (type 7: between the
    /// closest ranks), each rank read as its bucket's value.
    /// </summary>
    /// <exception cref="InvalidOperationException">Nothing counted.</exception>
    /// <exception cref="ArgumentOutOfRangeException">p outside [0, 1].</exception>
    public TimeSpan Percentile(double p)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("A percentile needs at least one RTT.");
        }

        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p is a fraction in [0, 1].");
        }

        var h = (Count - 1) * p;
        var lower = (long)Math.Floor(h);
        var upper = Math.Min(lower + 1, Count - 1);
        double? low = null;
        double high = 0;
        long seen = 0;
        foreach (var (bucket, count) in Buckets)
        {
            seen += count;
            if (low is null && seen > lower)
            {
                low = ValueOf(bucket);
            }

            if (seen > upper)
            {
                high = ValueOf(bucket);
                break;
            }
        }

        var value = low!.Value + ((h - lower) * (high - low.Value));
        return TimeSpan.FromTicks((long)Math.Round(value * TimeSpan.TicksPerMicrosecond));
    }
}
