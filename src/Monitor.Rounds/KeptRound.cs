using Monitor.Core.Domain;
using Monitor.Storage.Spool;

namespace Monitor.Rounds;

/// <summary>A round as a <see cref="IRoundListener"/> hears it.</summary>
/// <param name="Round">The round (for a burst probe, a one-probe round of kind <see cref="ProbeKind.Burst"/>).</param>
/// <param name="Measurements">Its measurements: the targets' main probes, then their site probes.</param>
/// <param name="Targets">The targets of the runner, by id, for labels such as the provider.</param>
/// <param name="Result">What the recorder did with it; null when neither the database, the spool nor memory took it.</param>
public sealed record KeptRound(
    Round Round,
    IReadOnlyList<Measurement> Measurements,
    IReadOnlyDictionary<string, Target> Targets,
    RecordResult? Result);
