using System.Net.Sockets;

using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Analysis.Watch;
using Monitor.Core.Domain;
using Monitor.Rounds;

namespace Monitor.Cli.Metrics;

/// <summary>
/// Turns kept rounds into <see cref="MonitorMetrics"/>. The <c>site</c> label is the site an
/// identity names (<see cref="SiteResolver"/>), capped per target: the first
/// <see cref="MaxSitesPerTarget"/> distinct sites keep their code, later ones are <c>other</c>;
/// an answer without identity is <c>unknown</c>. Site changes follow the route analysis's shift rule
/// (<see cref="RouteWatch"/>), on the full site, not the capped label.
/// </summary>
public sealed class MetricsListener : IRoundListener
{
    /// <summary>Distinct <c>site</c> label values per target before the rest become <c>other</c>.</summary>
    public const int MaxSitesPerTarget = 20;

    /// <summary>The longest <c>site</c> label value; longer unparsed identities are cut.</summary>
    public const int MaxSiteLabelLength = 64;

    private readonly MonitorMetrics _metrics;
    private readonly SiteResolver _sites;
    private readonly RouteWatch _routes = new(new RouteOptions());
    private readonly Dictionary<string, HashSet<string>> _siteLabels = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Creates a listener updating <paramref name="metrics"/>.</summary>
    public MetricsListener(MonitorMetrics metrics, SiteResolver sites)
    {
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _sites = sites ?? throw new ArgumentNullException(nameof(sites));
    }

    /// <inheritdoc/>
    public void Kept(KeptRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var vantage = round.Round.VantageId;
        if (round.Result is not { Stored: true })
        {
            _metrics.StoreWriteErrors.Inc();
        }

        if (round.Round.Kind == ProbeKind.Regular)
        {
            _metrics.RoundLateness.WithLabels(vantage).Observe(Math.Max(0, round.Round.Lateness.TotalSeconds));
        }

        foreach (var m in round.Measurements)
        {
            var target = round.Targets.GetValueOrDefault(m.TargetId);
            var provider = target?.Provider ?? string.Empty;
            var transport = Word(m.Transport ?? target?.Transport ?? Transport.Udp);
            var af = (m.Address ?? target?.Address)?.AddressFamily == AddressFamily.InterNetworkV6 ? "ipv6" : "ipv4";
            _metrics.Probes.WithLabels(m.TargetId, provider, vantage, transport, af, Word(m.Kind), Outcome(m.Outcome)).Inc();
            if (m.Kind != ProbeKind.Regular)
            {
                continue;
            }

            var site = m.IsAnswered && !m.Identity.IsEmpty ? _sites.Resolve(m.Identity).Code : null;
            lock (_gate)
            {
                var changes = _metrics.SiteChanges.WithLabels(m.TargetId, provider, vantage);
                foreach (var e in _routes.Add(m.TargetId, vantage, m.Started, m.IsAnswered, site))
                {
                    if (e.Kind == RouteWatchKind.Shift)
                    {
                        changes.Inc();
                    }
                }

                if (m is { IsAnswered: true, Rtt: { } rtt })
                {
                    _metrics.ProbeRtt.WithLabels(m.TargetId, provider, vantage, SiteLabel(m.TargetId, site), transport, af).Observe(rtt.TotalSeconds);
                }
            }
        }
    }

    /// <summary>The <c>site</c> label of a target's answer, within the cap. Callers hold the gate.</summary>
    private string SiteLabel(string targetId, string? site)
    {
        if (string.IsNullOrEmpty(site))
        {
            return "unknown";
        }

        var label = site.Length > MaxSiteLabelLength ? site[..MaxSiteLabelLength] : site;
        if (!_siteLabels.TryGetValue(targetId, out var seen))
        {
            seen = new HashSet<string>(StringComparer.Ordinal);
            _siteLabels[targetId] = seen;
        }

        return seen.Contains(label) || (seen.Count < MaxSitesPerTarget && seen.Add(label)) ? label : "other";
    }

    private static string Outcome(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Answered => "answered",
        ProbeOutcome.Timeout => "timeout",
        ProbeOutcome.NetworkError => "network_error",
        ProbeOutcome.Malformed => "malformed",
        _ => "other",
    };

    private static string Word<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
