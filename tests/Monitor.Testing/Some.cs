using System.Text;

using Monitor.Core.Domain;

namespace Monitor.Testing;

/// <summary>Test data builders: valid values by default, each field overridable.</summary>
public static class Some
{
    private static int _counter;

    /// <summary>A fixed instant, UTC, on a whole second.</summary>
    public static DateTimeOffset Instant { get; } = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    /// <summary>An answered measurement.</summary>
    public static Measurement Measurement(
        string vantage = "vp-1",
        string target = "t-1",
        DateTimeOffset? started = null,
        ProbeOutcome outcome = ProbeOutcome.Answered,
        double? rttMs = 12.345,
        string? idServer = "ams1",
        string? nsid = "ams1.example",
        Guid? roundId = null)
    {
        var at = started ?? Instant.AddSeconds(Interlocked.Increment(ref _counter));
        var answered = outcome == ProbeOutcome.Answered;
        return new Measurement
        {
            Id = Guid.CreateVersion7(at),
            RoundId = roundId,
            VantageId = vantage,
            TargetId = target,
            Started = at,
            Outcome = outcome,
            Rtt = answered && rttMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            Rcode = answered ? DnsRcodes.NoError : null,
            ResponseSize = answered ? 80 : null,
            Identity = answered
                ? new ObservedIdentity(Value(idServer), null, Value(nsid))
                : ObservedIdentity.None,
            Error = outcome is ProbeOutcome.NetworkError or ProbeOutcome.Malformed ? "some error" : null,
        };
    }

    /// <summary>A round of <paramref name="measurements"/>, which are given its id.</summary>
    public static (Round Round, IReadOnlyList<Measurement> Measurements) Round(string vantage, DateTimeOffset scheduled, params Measurement[] measurements)
    {
        var id = Guid.CreateVersion7(scheduled);
        var round = new Round(id, vantage, scheduled, scheduled.AddMilliseconds(3), scheduled.AddMilliseconds(250), measurements.Length, measurements.Count(m => m.IsAnswered));
        return (round, measurements.Select(m => m with { RoundId = id }).ToList());
    }

    private static IdentityValue? Value(string? text) => text is null ? null : new IdentityValue(Encoding.ASCII.GetBytes(text));
}
