using Monitor.Core.Analysis;
using Monitor.Core.Domain;

namespace Monitor.Reporting.Probes;

/// <summary>Writes what <c>monitor probe</c> measured; one implementation per output format.</summary>
public interface IProbeRenderer
{
    /// <summary>Called once before the first probe.</summary>
    void Start(IReadOnlyList<Target> targets, int count, TimeSpan interval, TimeSpan timeout);

    /// <summary>Called for each probe, in sequence and target order.</summary>
    void Probe(int sequence, Target target, Measurement measurement);

    /// <summary>Called once at the end with a summary per target, in target order.</summary>
    void Summary(IReadOnlyList<(Target Target, ProbeSummary Summary)> summaries, DateTimeOffset first, DateTimeOffset last);
}
