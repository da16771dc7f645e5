using Monitor.Cli.Alerts;
using Monitor.Core.Domain;

namespace Monitor.Cli.Configuration;

/// <summary>
/// A target set read from a YAML file: how often to probe, how long to wait, where from, and what.
/// </summary>
/// <param name="Interval">The time between rounds; aligned to the clock, so it divides a minute, an hour or a day.</param>
/// <param name="Timeout">How long one query waits; shorter than <paramref name="Interval"/>.</param>
/// <param name="Vantage">The vantage point of an embedded run, or null when the file names none.</param>
/// <param name="Targets">The targets in file order, each with <see cref="Target.Timeout"/> set to <paramref name="Timeout"/>.</param>
/// <param name="Source">The file name or path the configuration was read from, as given.</param>
public sealed record MonitorConfig(
    TimeSpan Interval,
    TimeSpan Timeout,
    VantagePoint? Vantage,
    IReadOnlyList<Target> Targets,
    string Source)
{
    /// <summary>The default <see cref="RateLimit"/>: one query per second per target per vantage point.</summary>
    public const double DefaultRateLimit = BurstPolicy.DefaultRateLimit;

    /// <summary>
    /// The most queries per second one vantage point may send to one target (<c>rate_limit</c>, default
    /// <see cref="DefaultRateLimit"/>); the loader refuses a file whose targets would receive more.
    /// Anything that probes more often than once per <see cref="Interval"/> (bursts) must stay under it too.
    /// </summary>
    public double RateLimit { get; init; } = DefaultRateLimit;

    /// <summary>The default <see cref="ResolveEvery"/>: 10 minutes.</summary>
    public static readonly TimeSpan DefaultResolveEvery = TimeSpan.FromMinutes(10);

    /// <summary>How often a target's host name is looked up again (<c>resolve_every</c>, default 10 minutes).</summary>
    public TimeSpan ResolveEvery { get; init; } = DefaultResolveEvery;

    /// <summary>Burst probing after a target stops answering, within <see cref="RateLimit"/> (<c>burst</c> in the file).</summary>
    public BurstPolicy Burst { get; init; } = BurstPolicy.Default;

    /// <summary>Alert webhooks (<c>alerts</c> in the file), or null when the file has none.</summary>
    public AlertsConfig? Alerts { get; init; }
}
