namespace Monitor.Reporting;

/// <summary>
/// One series' probes as columns: UTC ticks, RTT in ms (NaN when unanswered or no RTT) and a site number
/// (−1 when unanswered) — 20 bytes a probe instead of a 40-byte <see cref="SeriesPoint"/> in a list.
/// </summary>
internal sealed class SeriesColumns
{
    private long[] _ticks = new long[16];
    private double[] _rtts = new double[16];
    private int[] _sites = new int[16];

    public int Count { get; private set; }

    /// <summary>Answered probes with an RTT above zero (what the CDFs count); known once sorted.</summary>
    public int Positive { get; private set; }

    /// <summary>Probes with an RTT (not NaN); known once sorted.</summary>
    public int Answered { get; private set; }

    /// <summary>UTC ticks of each probe, in time order once sorted.</summary>
    public ReadOnlySpan<long> Ticks => _ticks.AsSpan(0, Count);

    /// <summary>RTT in ms of each probe, NaN when unanswered or without an RTT.</summary>
    public ReadOnlySpan<double> Rtts => _rtts.AsSpan(0, Count);

    /// <summary>The site number of each probe, −1 when unanswered.</summary>
    public ReadOnlySpan<int> Sites => _sites.AsSpan(0, Count);

    public DateTimeOffset First => new(_ticks[0], TimeSpan.Zero);

    public DateTimeOffset Last => new(_ticks[Count - 1], TimeSpan.Zero);

    /// <summary>Makes room for <paramref name="more"/> probes at once (a series read whole is kept without doubling, nor copied again when done).</summary>
    public void Reserve(int more)
    {
        if (Count + more > _ticks.Length)
        {
            Resize(Count + more);
        }
    }

    public void Add(DateTimeOffset at, double? rttMs, int site)
    {
        if (Count == _ticks.Length)
        {
            Resize(Count * 2);
        }

        _ticks[Count] = at.UtcTicks;
        _rtts[Count] = rttMs ?? double.NaN;
        _sites[Count] = site;
        Count++;
    }

    /// <summary>Puts the probes in time order (they usually come in it), gives back unused capacity and counts <see cref="Positive"/>.</summary>
    public void SortByTime()
    {
        Order();
        int positive = 0, answered = 0;
        foreach (var rtt in Rtts)
        {
            if (!double.IsNaN(rtt))
            {
                answered++;
                positive += rtt > 0 ? 1 : 0;
            }
        }

        (Positive, Answered) = (positive, answered);
    }

    private void Order()
    {
        var ticks = _ticks.AsSpan(0, Count);
        var sorted = true;
        for (var i = 1; i < ticks.Length && sorted; i++)
        {
            sorted = ticks[i - 1] <= ticks[i];
        }

        if (!sorted)
        {
            // Stable: probes sent at the same instant keep the order they came in.
            var order = Enumerable.Range(0, Count).OrderBy(i => _ticks[i]).ToArray();
            _ticks = [.. order.Select(i => _ticks[i])];
            _rtts = [.. order.Select(i => _rtts[i])];
            _sites = [.. order.Select(i => _sites[i])];
            return;
        }

        if (Count < _ticks.Length)
        {
            Resize(Count);
        }
    }

    private void Resize(int size)
    {
        Array.Resize(ref _ticks, size);
        Array.Resize(ref _rtts, size);
        Array.Resize(ref _sites, size);
    }

    public List<SeriesPoint> Points(IReadOnlyList<string> siteCodes)
    {
        var points = new List<SeriesPoint>(Count);
        for (var i = 0; i < Count; i++)
        {
            points.Add(new SeriesPoint(
                new DateTimeOffset(_ticks[i], TimeSpan.Zero),
                double.IsNaN(_rtts[i]) ? null : _rtts[i],
                _sites[i] < 0 ? null : siteCodes[_sites[i]]));
        }

        return points;
    }

    /// <summary>Adds each positive gap between consecutive probes to <paramref name="counts"/> (ticks to how often).</summary>
    public void CountGaps(Dictionary<long, long> counts, ref long total)
    {
        // Probes of a schedule repeat one gap: a run of equal gaps is counted at once.
        var run = 0L;
        var last = 0L;
        for (var i = 1; i < Count; i++)
        {
            var gap = _ticks[i] - _ticks[i - 1];
            if (gap <= 0)
            {
                continue;
            }

            if (gap != last && run > 0)
            {
                counts[last] = counts.GetValueOrDefault(last) + run;
                run = 0;
            }

            last = gap;
            run++;
            total++;
        }

        if (run > 0)
        {
            counts[last] = counts.GetValueOrDefault(last) + run;
        }
    }
}
