using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Promises;

/// <summary>
/// Finds the gaps of one series (one vantage point, one target, regular and burst probes in time
/// order): failovers when the answers come back from another site, outages when from the same one
/// (<see cref="Failover.Moved"/> tells them apart; the analysis reports them in two lists). A probe is good when it was answered with NOERROR or NXDOMAIN; anything else — timeout,
/// network error, malformed, REFUSED, SERVFAIL — is lost. A failover is a run of lost probes between
/// two good ones: at least one when the answers come back from another site (the network moved the
/// vantage point), at least <c>minLost</c> when they come back from the same site (one lost packet is
/// not a failover). Lost probes before the first good one or after the last belong to no failover
/// (the series has no "before" or no "after").
/// </summary>
public static class FailoverDetector
{
    /// <summary>True when <paramref name="m"/> is a good answer.</summary>
    public static bool IsGood(Measurement m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return m.IsAnswered && m.Rcode is null or DnsRcodes.NoError or DnsRcodes.NXDomain;
    }

    /// <summary>The gaps of a series, failovers and outages in time order.</summary>
    /// <param name="targetId">The target.</param>
    /// <param name="vantageId">The vantage point.</param>
    /// <param name="probes">Send time and, for good answers, the answering site (null for a lost probe), in time order.</param>
    /// <param name="minLost">Lost probes a failover needs, at least 1.</param>
    public static IReadOnlyList<Failover> Find(string targetId, string vantageId, IEnumerable<(DateTimeOffset Started, string? Site)> probes, int minLost)
    {
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentOutOfRangeException.ThrowIfLessThan(minLost, 1);
        var found = new List<Failover>();
        (DateTimeOffset At, string Site)? lastGood = null;
        var lost = 0;
        foreach (var (started, site) in probes)
        {
            if (site is null)
            {
                lost += lastGood is null ? 0 : 1;
                continue;
            }

            if (lastGood is { } before && (lost >= minLost || (lost >= 1 && !string.Equals(before.Site, site, StringComparison.Ordinal))))
            {
                found.Add(new Failover(targetId, vantageId, before.Site, site, before.At, started, lost));
            }

            lastGood = (started, site);
            lost = 0;
        }

        return found;
    }
}
