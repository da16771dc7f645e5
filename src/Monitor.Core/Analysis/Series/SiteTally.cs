using Monitor.Core.Analysis.Sites;

namespace Monitor.Core.Analysis.Series;

/// <summary>What one site did in one series: its answers, the probes charged to it and their RTTs.</summary>
/// <param name="Site">The site.</param>
/// <param name="Sent">Probes charged to the site: its answers and the failures while it was the current site.</param>
/// <param name="Answers">Answers that named it.</param>
/// <param name="Identity">The identity text that named it most often (ties: ordinal first).</param>
/// <param name="Latency">RTT statistics over its answers.</param>
public sealed record SiteTally(Site Site, int Sent, int Answers, string Identity, LatencySummary Latency)
{
    /// <summary>The site's code.</summary>
    public string Code => Site.Code;
}
