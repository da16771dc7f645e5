using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Zones;

/// <summary>
/// Zone freshness per node, as DNSMON shows it: from the SOA serials each site of a target served
/// over time, the runs of one serial per site, and the sites that served an older serial than the
/// newest one seen at the target for longer than a threshold, with how far behind. Serials compare
/// in RFC 1982 serial-number arithmetic, so a wrap past 2^32 is a step forward. A site lags from the
/// moment a newer serial was first seen anywhere until its first answer with the newest serial (the
/// lag is then cleared), or until its last answer in the window (still lagging).
/// </summary>
public static class SoaLagDetector
{
    /// <summary>The threshold used when none is given: 10 minutes.</summary>
    public static readonly TimeSpan DefaultThreshold = TimeSpan.FromMinutes(10);

    /// <summary>Serials and lags of <paramref name="observations"/> (any order).</summary>
    public static (IReadOnlyList<SoaSerialRun> Runs, IReadOnlyList<SoaLag> Lags) Detect(IEnumerable<SoaObservation> observations, TimeSpan threshold)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, TimeSpan.Zero);
        var runs = new List<SoaSerialRun>();
        var lags = new List<SoaLag>();
        foreach (var target in observations.GroupBy(o => o.TargetId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = target.OrderBy(o => o.At).ThenBy(o => o.Site, StringComparer.Ordinal).ToList();
            uint? newest = null;
            var newestSince = DateTimeOffset.MinValue;
            var sites = new Dictionary<string, SiteState>(StringComparer.Ordinal);
            foreach (var o in ordered)
            {
                if (newest is null || IsNewer(o.Serial, newest.Value))
                {
                    newest = o.Serial;
                    newestSince = o.At;
                }

                if (!sites.TryGetValue(o.Site, out var state))
                {
                    sites[o.Site] = state = new SiteState();
                }

                state.Observe(target.Key, o, runs);
                if (o.Serial != newest.Value)
                {
                    state.LagSince ??= newestSince;
                    state.LastBehind = o.At;
                    state.Serial = o.Serial;
                    state.Newest = newest.Value;
                    state.Behind = Math.Max(state.Behind, Distance(o.Serial, newest.Value));
                }
                else if (state.LagSince is { } since)
                {
                    if (o.At - since > threshold)
                    {
                        lags.Add(new SoaLag(target.Key, o.Site, since, o.At, state.Serial, state.Newest, state.Behind, o.At - since));
                    }

                    state.LagSince = null;
                    state.Behind = 0;
                }
            }

            foreach (var (site, state) in sites.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                state.Close(target.Key, site, runs);
                if (state.LagSince is { } since && state.LastBehind - since > threshold)
                {
                    lags.Add(new SoaLag(target.Key, site, since, null, state.Serial, state.Newest, state.Behind, state.LastBehind - since));
                }
            }
        }

        runs.Sort((a, b) => (string.CompareOrdinal(a.TargetId, b.TargetId), string.CompareOrdinal(a.Site, b.Site), a.From.CompareTo(b.From)) switch
        {
            (not 0 and var t, _, _) => t,
            (_, not 0 and var s, _) => s,
            (_, _, var f) => f,
        });
        return (runs, lags.OrderBy(l => l.TargetId, StringComparer.Ordinal).ThenBy(l => l.Since).ThenBy(l => l.Site, StringComparer.Ordinal).ToList());
    }

    /// <summary>RFC 1982 §3.2: <paramref name="a"/> is greater than <paramref name="b"/>.</summary>
    public static bool IsNewer(uint a, uint b) => a != b && unchecked(a - b) < 0x8000_0000u;

    /// <summary>How many serial steps <paramref name="older"/> is behind <paramref name="newer"/>.</summary>
    public static long Distance(uint older, uint newer) => unchecked(newer - older);

    private sealed class SiteState
    {
        private uint _runSerial;
        private DateTimeOffset _runFrom;
        private DateTimeOffset _runTo;
        private int _runCount;

        public DateTimeOffset? LagSince { get; set; }

        public DateTimeOffset LastBehind { get; set; }

        public uint Serial { get; set; }

        public uint Newest { get; set; }

        public long Behind { get; set; }

        public void Observe(string targetId, SoaObservation o, List<SoaSerialRun> runs)
        {
            if (_runCount > 0 && o.Serial == _runSerial)
            {
                _runTo = o.At;
                _runCount++;
                return;
            }

            Close(targetId, o.Site, runs);
            (_runSerial, _runFrom, _runTo, _runCount) = (o.Serial, o.At, o.At, 1);
        }

        public void Close(string targetId, string site, List<SoaSerialRun> runs)
        {
            if (_runCount > 0)
            {
                runs.Add(new SoaSerialRun(targetId, site, _runSerial, _runFrom, _runTo, _runCount));
                _runCount = 0;
            }
        }
    }
}
