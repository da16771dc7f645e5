namespace Monitor.Core.Analysis.Latency;

/// <summary>Probes sent and RTTs (ms) of answers, pooled over series for percentiles.</summary>
public sealed class LatencyPool
{
    private readonly List<double> _rtts = [];

    /// <summary>Probes sent.</summary>
    public int Sent { get; private set; }

    /// <summary>The RTTs pooled, in no particular order.</summary>
    public IReadOnlyList<double> Rtts => _rtts;

    /// <summary>Adds a series' probes and RTTs.</summary>
    public void Add(int sent, IEnumerable<double> rtts)
    {
        Sent += sent;
        _rtts.AddRange(rtts);
    }

    /// <summary>The statistics of the pool (sorts it in place).</summary>
    public LatencySummary Summary() => LatencySummary.FromUnsorted(Sent, _rtts);

    /// <summary>The statistics of several pools together.</summary>
    public static LatencySummary Summary(IEnumerable<LatencyPool> pools)
    {
        var list = pools.ToList();
        return LatencySummary.FromUnsorted(list.Sum(p => p.Sent), [.. list.SelectMany(p => p._rtts)]);
    }
}
