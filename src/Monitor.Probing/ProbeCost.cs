using Monitor.Core.Domain;

namespace Monitor.Probing;

/// <summary>
/// What one probe of a target costs the target's operator, in queries: the rule
/// <see cref="DnsProber"/> follows, kept in one place so a rate limit can be checked before probing.
/// </summary>
public static class ProbeCost
{
    /// <summary>
    /// The most queries one probe of <paramref name="target"/> sends: the main query (which carries
    /// the NSID request), plus one CHAOS TXT query for each of <c>id.server</c> and
    /// <c>hostname.bind</c> that is wanted and is not the main query itself. No retries are sent.
    /// </summary>
    /// <param name="target">The target.</param>
    /// <returns>1 to 3.</returns>
    public static int QueriesPerProbe(Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.QueriesPerProbe;
    }

    /// <summary>The queries per second a target receives when probed once every <paramref name="interval"/>.</summary>
    /// <param name="target">The target.</param>
    /// <param name="interval">The time between probes; positive.</param>
    public static double QueriesPerSecond(Target target, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return QueriesPerProbe(target) / interval.TotalSeconds;
    }
}
