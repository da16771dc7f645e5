namespace Monitor.Core.Analysis.Watch;

/// <summary>
/// Loss and median-RTT thresholds over a sliding window, per (target, vantage point) series, applied
/// one probe at a time: a threshold <b>fires</b> when the window's value goes above its limit and
/// <b>resolves</b> when it is back at or under it. The window holds the probes sent in
/// (<c>at − window</c>, <c>at</c>]; nothing is judged before it holds <see cref="MinProbes"/> probes
/// (for the median, answered ones). Not thread-safe: callers serialize.
/// </summary>
public sealed class ThresholdWatch
{
    private readonly Dictionary<(string Target, string Vantage), State> _series = [];

    /// <summary>Creates a watch; give at least one of <paramref name="maxLoss"/> and <paramref name="maxMedianRtt"/>.</summary>
    /// <param name="window">How far back the window reaches.</param>
    /// <param name="maxLoss">The share of probes unanswered (0 to 1) above which loss fires; null for none.</param>
    /// <param name="maxMedianRtt">The median RTT above which latency fires; null for none.</param>
    /// <param name="minProbes">Probes the window must hold before it is judged.</param>
    public ThresholdWatch(TimeSpan window, double? maxLoss, TimeSpan? maxMedianRtt, int minProbes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(minProbes, 1);
        if (maxLoss is { } loss && !(loss >= 0 && loss <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maxLoss), loss, "a share of probes, 0 to 1");
        }

        Window = window;
        MaxLoss = maxLoss;
        MaxMedianRtt = maxMedianRtt;
        MinProbes = minProbes;
    }

    /// <summary>How far back the window reaches.</summary>
    public TimeSpan Window { get; }

    /// <summary>The loss limit (share of probes), or null.</summary>
    public double? MaxLoss { get; }

    /// <summary>The median RTT limit, or null.</summary>
    public TimeSpan? MaxMedianRtt { get; }

    /// <summary>Probes (answered ones for the median) the window must hold before it is judged.</summary>
    public int MinProbes { get; }

    /// <summary>Adds one probe of a series, in time order; returns the thresholds it made fire or resolve.</summary>
    public IReadOnlyList<ThresholdEvent> Add(string targetId, string vantageId, DateTimeOffset at, bool answered, TimeSpan? rtt)
    {
        ArgumentNullException.ThrowIfNull(targetId);
        ArgumentNullException.ThrowIfNull(vantageId);
        if (!_series.TryGetValue((targetId, vantageId), out var state))
        {
            state = new State();
            _series[(targetId, vantageId)] = state;
        }

        state.Samples.Enqueue((at, answered, answered ? rtt : null));
        while (state.Samples.TryPeek(out var oldest) && oldest.At <= at - Window)
        {
            state.Samples.Dequeue();
        }

        var events = new List<ThresholdEvent>(1);
        var probes = state.Samples.Count;
        if (MaxLoss is { } maxLoss && probes >= MinProbes)
        {
            var loss = state.Samples.Count(s => !s.Answered) / (double)probes;
            Judge(events, ThresholdKind.Loss, state, targetId, vantageId, at, loss, maxLoss, probes);
        }

        if (MaxMedianRtt is { } maxRtt)
        {
            var rtts = state.Samples.Where(s => s.Rtt is not null).Select(s => s.Rtt!.Value.TotalSeconds).Order().ToList();
            if (rtts.Count >= MinProbes)
            {
                Judge(events, ThresholdKind.MedianRtt, state, targetId, vantageId, at, Percentiles.OfSorted(rtts, 0.5), maxRtt.TotalSeconds, rtts.Count);
            }
        }

        return events;
    }

    private static void Judge(List<ThresholdEvent> events, ThresholdKind kind, State state, string targetId, string vantageId, DateTimeOffset at, double value, double limit, int probes)
    {
        var firing = state.FiringSince.TryGetValue(kind, out var since);
        if (!firing && value > limit)
        {
            state.FiringSince[kind] = at;
            events.Add(new ThresholdEvent(kind, true, targetId, vantageId, at, at, value, limit, probes));
        }
        else if (firing && value <= limit)
        {
            state.FiringSince.Remove(kind);
            events.Add(new ThresholdEvent(kind, false, targetId, vantageId, since, at, value, limit, probes));
        }
    }

    private sealed class State
    {
        public Queue<(DateTimeOffset At, bool Answered, TimeSpan? Rtt)> Samples { get; } = new();

        public Dictionary<ThresholdKind, DateTimeOffset> FiringSince { get; } = [];
    }
}
