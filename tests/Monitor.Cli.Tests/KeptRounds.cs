using Monitor.Core.Domain;
using Monitor.Rounds;
using Monitor.Storage.Spool;

namespace Monitor.Cli.Tests;

/// <summary>Kept rounds as a <see cref="IRoundListener"/> hears them, for listener tests.</summary>
internal static class KeptRounds
{
    /// <summary>A round of <paramref name="measurements"/> scheduled at the first one's start, started 250 ms late; a burst round when the first is a burst probe.</summary>
    public static KeptRound Of(IReadOnlyDictionary<string, Target> targets, bool stored, params Measurement[] measurements)
    {
        var scheduled = measurements[0].Started;
        var round = new Round(Guid.CreateVersion7(scheduled), measurements[0].VantageId, scheduled, scheduled.AddMilliseconds(250), scheduled.AddSeconds(1), measurements.Length, measurements.Count(m => m.IsAnswered))
        {
            Kind = measurements[0].Kind == ProbeKind.Burst ? ProbeKind.Burst : ProbeKind.Regular,
        };
        return new KeptRound(round, measurements, targets, new RecordResult(stored, stored ? null : "database down", stored ? 0 : 1));
    }
}
