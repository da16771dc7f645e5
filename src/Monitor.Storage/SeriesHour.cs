using Monitor.Core.Analysis.Latency;
using Monitor.Core.Domain;

namespace Monitor.Storage;

/// <summary>The hourly rollup of one series and probe kind (table <c>series_hours</c>, kept on ingest).</summary>
/// <param name="VantageId">The series' vantage point.</param>
/// <param name="TargetId">The series' target.</param>
/// <param name="Hour">The start of the UTC hour.</param>
/// <param name="Kind">The probes' kind.</param>
/// <param name="Probes">Rows.</param>
/// <param name="Answered">Rows answered.</param>
/// <param name="Identities">Rows per identity set, in the store's order of identity numbers.</param>
/// <param name="Rtt">The RTTs of the answered rows.</param>
public sealed record SeriesHour(
    string VantageId,
    string TargetId,
    DateTimeOffset Hour,
    ProbeKind Kind,
    long Probes,
    long Answered,
    IReadOnlyList<IdentityCount> Identities,
    RttHistogram Rtt);
