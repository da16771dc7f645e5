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
    /// <summary>Burst probing after a target stops answering, within the rate limit (<c>burst</c> in the file).</summary>
    public BurstPolicy Burst { get; init; } = BurstPolicy.Default;
}
