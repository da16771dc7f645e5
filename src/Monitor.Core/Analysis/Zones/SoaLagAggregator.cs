using Monitor.Core.Analysis.Series;

namespace Monitor.Core.Analysis.Zones;

/// <summary>
/// Collects the SOA serials of every series (regular, burst and site probes) and, once all are in,
/// gives each target's serial runs per site and the sites that lagged (<see cref="SoaLagDetector"/>).
/// Only answers that carried a serial are kept: a target whose main query is not SOA costs nothing.
/// </summary>
public sealed class SoaLagAggregator(TimeSpan threshold) : ISeriesAggregator
{
    private readonly List<SoaObservation> _observations = [];

    /// <inheritdoc />
    public void Add(SeriesView series)
    {
        ArgumentNullException.ThrowIfNull(series);
        foreach (var (at, site, serial) in series.Serials)
        {
            _observations.Add(new SoaObservation(series.TargetId, site, at, serial));
        }
    }

    /// <summary>The serial runs and the lags of everything added.</summary>
    public (IReadOnlyList<SoaSerialRun> Runs, IReadOnlyList<SoaLag> Lags) Compute() => SoaLagDetector.Detect(_observations, threshold);
}
