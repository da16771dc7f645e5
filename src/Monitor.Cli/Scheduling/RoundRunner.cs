using System.Collections.Concurrent;

using Monitor.Core.Analysis;
using Monitor.Core.Domain;
using Monitor.Probing;
using Monitor.Storage.Spool;

namespace Monitor.Cli.Scheduling;

/// <summary>
/// Runs one round: every target probed at once, the measurements kept as one batch through the
/// <see cref="RoundRecorder"/> (spool first, then database). Probing is bounded by the targets'
/// timeouts and is never cut short by shutdown, so the round in flight is always stored.
/// </summary>
public sealed class RoundRunner
{
    private readonly DnsProber _prober;
    private readonly RoundRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, string> _lastIdentity = new(StringComparer.Ordinal);

    /// <summary>Creates a runner for one vantage point and its targets.</summary>
    public RoundRunner(string vantageId, IReadOnlyList<Target> targets, DnsProber prober, RoundRecorder recorder, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(vantageId);
        ArgumentNullException.ThrowIfNull(targets);
        VantageId = vantageId;
        Targets = targets;
        _prober = prober ?? throw new ArgumentNullException(nameof(prober));
        _recorder = recorder ?? throw new ArgumentNullException(nameof(recorder));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>The vantage point probing.</summary>
    public string VantageId { get; }

    /// <summary>The targets of every round.</summary>
    public IReadOnlyList<Target> Targets { get; }

    /// <summary>Probes every target once and keeps the round.</summary>
    /// <param name="scheduled">When the schedule wanted the round to start.</param>
    /// <param name="cancellationToken">Cancels only the storing of a spooled round's predecessors; probing runs to its timeouts.</param>
    public async Task<RoundReport> RunAsync(DateTimeOffset scheduled, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var roundId = Guid.CreateVersion7(started);
        var measurements = await Task.WhenAll(Targets.Select(t => _prober.ProbeAsync(t, VantageId, CancellationToken.None))).ConfigureAwait(false);
        var finished = _time.GetUtcNow();
        var batch = measurements.Select(m => m with { RoundId = roundId }).ToList();
        var round = new Round(roundId, VantageId, scheduled, started, finished, batch.Count, batch.Count(m => m.IsAnswered));

        var result = await _recorder.RecordAsync(round, batch, cancellationToken).ConfigureAwait(false);

        var rtts = batch.Where(m => m is { IsAnswered: true, Rtt: not null }).Select(m => m.Rtt!.Value.TotalMilliseconds).Order().ToList();
        double? median = rtts.Count > 0 ? Percentiles.OfSorted(rtts, 0.5) : null;
        return new RoundReport(round, median, IdentityChanges(batch), result.Stored, result.Error, result.Pending);
    }

    private List<(string Target, string From, string To)> IdentityChanges(IEnumerable<Measurement> batch)
    {
        var changes = new List<(string, string, string)>();
        foreach (var m in batch.Where(m => !m.Identity.IsEmpty))
        {
            var now = m.Identity.ToString();
            if (_lastIdentity.TryGetValue(m.TargetId, out var before) && before != now)
            {
                changes.Add((m.TargetId, before, now));
            }

            _lastIdentity[m.TargetId] = now;
        }

        return changes;
    }
}
