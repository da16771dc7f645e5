namespace Monitor.Core.Analysis.Series;

/// <summary>
/// One finding of the analysis, built series by series: the <see cref="Analyzer"/> hands every
/// aggregator the same <see cref="SeriesView"/> of each series in turn, then asks each for its part
/// of the report. An aggregator keeps only what its finding needs across series.
/// </summary>
public interface ISeriesAggregator
{
    /// <summary>
    /// Takes one series. Called once per series, in series order, with a view that is only valid during
    /// the call (its lists may be reused for the next series).
    /// </summary>
    /// <param name="series">The series' view, shared by every aggregator.</param>
    void Add(SeriesView series);
}
