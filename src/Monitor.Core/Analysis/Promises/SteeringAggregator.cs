using Monitor.Core.Analysis.Series;

namespace Monitor.Core.Analysis.Promises;

/// <summary>
/// Steering: per target, how many distinct dominant sites and distinct answer sets the vantage points
/// saw, which tells anycast from GeoDNS (or both, or unicast).
/// </summary>
/// <param name="provider">Target id to provider.</param>
public sealed class SteeringAggregator(Func<string, string> provider) : ISeriesAggregator
{
    private readonly Dictionary<string, (int Vantages, HashSet<string> Sites, HashSet<string> Answers)> _steering = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void Add(SeriesView series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            return;
        }

        if (!_steering.TryGetValue(series.TargetId, out var entry))
        {
            entry = (0, new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
            _steering[series.TargetId] = entry;
        }

        if (series.Dominant is not { } dominant)
        {
            return;
        }

        if (dominant.Code != Analyzer.NoIdentity)
        {
            entry.Sites.Add(dominant.Code);
        }

        if (series.DominantAnswers is { } answers)
        {
            entry.Answers.Add(answers);
        }

        _steering[series.TargetId] = (entry.Vantages + 1, entry.Sites, entry.Answers);
    }

    /// <summary>Per target that any vantage point reached, ordered by id.</summary>
    public IReadOnlyList<TargetSteering> Steering() =>
        [.. _steering.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Where(kv => kv.Value.Vantages > 0)
            .Select(kv => new TargetSteering(kv.Key, provider(kv.Key), kv.Value.Vantages, kv.Value.Sites.Count, kv.Value.Answers.Count))];
}
