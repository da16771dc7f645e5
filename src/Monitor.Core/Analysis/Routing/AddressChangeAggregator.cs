using Monitor.Core.Analysis.Series;

namespace Monitor.Core.Analysis.Routing;

/// <summary>
/// Changes of the address a series' regular probes went to, reported as a change of site is: a
/// target given by host name moves when the system resolver's answer does. An address literal never
/// changes, so its series give nothing.
/// </summary>
public sealed class AddressChangeAggregator : ISeriesAggregator
{
    private readonly List<AddressChange> _changes = [];

    /// <inheritdoc />
    public void Add(SeriesView series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var addresses = series.Addresses;
        for (var i = 1; i < addresses.Count; i++)
        {
            if (!addresses[i].Address.Equals(addresses[i - 1].Address))
            {
                _changes.Add(new AddressChange(series.VantageId, series.TargetId, addresses[i].Started, addresses[i - 1].Address, addresses[i].Address));
            }
        }
    }

    /// <summary>Every change, by time, then vantage point and target.</summary>
    public IReadOnlyList<AddressChange> Changes() =>
        [.. _changes.OrderBy(c => c.At).ThenBy(c => c.VantageId, StringComparer.Ordinal).ThenBy(c => c.TargetId, StringComparer.Ordinal)];
}
