using Monitor.Core.Domain;

namespace Monitor.Core.Analysis;

/// <summary>Latency and identities seen for one target over a run of probes.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="Latency">RTT statistics and loss.</param>
/// <param name="Identities">Each identity label seen, with how many probes saw it, most seen first.</param>
/// <param name="Outcomes">Probes per outcome.</param>
/// <param name="Discarded">Non-matching packets discarded over all probes.</param>
public sealed record ProbeSummary(
    string TargetId,
    LatencySummary Latency,
    IReadOnlyList<KeyValuePair<string, int>> Identities,
    IReadOnlyDictionary<ProbeOutcome, int> Outcomes,
    int Discarded)
{
    /// <summary>Summarises the measurements of one target.</summary>
    public static ProbeSummary Of(string targetId, IReadOnlyCollection<Measurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var latency = LatencySummary.From(
            measurements.Count,
            measurements.Where(m => m is { IsAnswered: true, Rtt: not null }).Select(m => m.Rtt!.Value.TotalMilliseconds));
        var identities = measurements
            .Where(m => !m.Identity.IsEmpty)
            .GroupBy(m => m.Identity.ToString(), StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, int>(g.Key, g.Count()))
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .ToList();
        var outcomes = measurements.GroupBy(m => m.Outcome).ToDictionary(g => g.Key, g => g.Count());
        return new ProbeSummary(targetId, latency, identities, outcomes, measurements.Sum(m => m.Discarded));
    }
}
