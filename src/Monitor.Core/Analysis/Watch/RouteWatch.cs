using Monitor.Core.Analysis.Routing;

namespace Monitor.Core.Analysis.Watch;

/// <summary>
/// The route-change rules of <see cref="SeriesClassifier"/>, applied online, one probe at a time, to
/// each (target, vantage point) series: a <b>shift</b> once a new site has answered
/// <see cref="RouteOptions.Persistence"/> consecutive times (unanswered probes in between neither break
/// nor count), an <b>outage</b> once <see cref="RouteOptions.OutageProbes"/> consecutive probes went
/// unanswered, and its end at the next answer. The first site that persists is the stable one and
/// makes no event. Flapping is not told apart online: a mix that settles for the persistence rule is
/// a shift each time. Not thread-safe: callers serialize.
/// </summary>
public sealed class RouteWatch
{
    private readonly RouteOptions _options;
    private readonly Dictionary<(string Target, string Vantage), State> _series = [];

    /// <summary>Creates a watch with the classifier's rules.</summary>
    public RouteWatch(RouteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Persistence, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.OutageProbes, 1);
        _options = options;
    }

    /// <summary>The site a series is stable on, or null before one persisted.</summary>
    public string? StableSite(string targetId, string vantageId) =>
        _series.TryGetValue((targetId, vantageId), out var state) ? state.Stable : null;

    /// <summary>Adds one probe of a series, in time order, and says what it completed.</summary>
    /// <param name="targetId">The target.</param>
    /// <param name="vantageId">The vantage point.</param>
    /// <param name="at">When the probe was sent.</param>
    /// <param name="answered">True when a response came back.</param>
    /// <param name="site">The site that answered; null or empty when the answer named none (it ends an outage, and counts toward no site).</param>
    /// <returns>The events this probe completed, usually none; an answer can end an outage and complete a shift at once.</returns>
    public IReadOnlyList<RouteWatchEvent> Add(string targetId, string vantageId, DateTimeOffset at, bool answered, string? site)
    {
        ArgumentNullException.ThrowIfNull(targetId);
        ArgumentNullException.ThrowIfNull(vantageId);
        if (!_series.TryGetValue((targetId, vantageId), out var state))
        {
            state = new State();
            _series[(targetId, vantageId)] = state;
        }

        if (!answered)
        {
            state.LostSince ??= at;
            state.Lost++;
            if (state.Lost == _options.OutageProbes)
            {
                state.InOutage = true;
                return [new RouteWatchEvent(RouteWatchKind.OutageStarted, targetId, vantageId, state.LostSince.Value, at, state.Stable, null, state.Lost)];
            }

            return [];
        }

        var events = new List<RouteWatchEvent>(1);
        if (state.InOutage)
        {
            events.Add(new RouteWatchEvent(RouteWatchKind.OutageEnded, targetId, vantageId, state.LostSince!.Value, at, state.Stable, string.IsNullOrEmpty(site) ? null : site, state.Lost));
        }

        state.InOutage = false;
        state.Lost = 0;
        state.LostSince = null;
        if (string.IsNullOrEmpty(site))
        {
            return events;
        }

        if (site == state.Stable)
        {
            state.Candidate = null;
            state.CandidateCount = 0;
            return events;
        }

        if (site != state.Candidate)
        {
            state.Candidate = site;
            state.CandidateCount = 0;
            state.CandidateSince = at;
        }

        if (++state.CandidateCount >= _options.Persistence)
        {
            if (state.Stable is { } from)
            {
                events.Add(new RouteWatchEvent(RouteWatchKind.Shift, targetId, vantageId, state.CandidateSince, at, from, site, state.CandidateCount));
            }

            state.Stable = site;
            state.Candidate = null;
            state.CandidateCount = 0;
        }

        return events;
    }

    private sealed class State
    {
        public string? Stable { get; set; }

        public string? Candidate { get; set; }

        public int CandidateCount { get; set; }

        public DateTimeOffset CandidateSince { get; set; }

        public int Lost { get; set; }

        public DateTimeOffset? LostSince { get; set; }

        public bool InOutage { get; set; }
    }
}
