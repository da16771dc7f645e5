using Monitor.Core.Analysis.Series;
using Monitor.Core.Domain;

namespace Monitor.Storage.Sql;

/// <summary>
/// Appends a series' rows, read in key order (start, seq), to a <see cref="ColumnarSeries"/>: rows started at
/// the same microsecond are put in id order first (as <see cref="LeanReader"/> gives them), the only rows held
/// back; identity numbers become the analysis' identity ids through <see cref="StoreIdentities"/> (one
/// <see cref="ObservedIdentity"/> per distinct triple), text numbers the shared strings of <see cref="ReadKeys"/>.
/// </summary>
internal sealed class SeriesFill(ReadKeys keys, StoreIdentities identities) : IRowSink
{
    private SeriesRow[] _group = new SeriesRow[8];
    private int _count;
    private ColumnarSeries? _series;
    private SeriesKey? _key;

    /// <summary>Starts filling <paramref name="series"/> with the rows of <paramref name="key"/>.</summary>
    public void Start(SeriesKey key, ColumnarSeries series)
    {
        _key = key;
        _series = series;
        _count = 0;
    }

    /// <summary>Adds the next row in key order.</summary>
    public void Add(in SeriesRow row)
    {
        if (_count > 0 && _group[0].Started != row.Started)
        {
            Flush();
        }

        if (_count == _group.Length)
        {
            Array.Resize(ref _group, _count * 2);
        }

        _group[_count++] = row;
    }

    /// <summary>The series, every row added.</summary>
    public ColumnarSeries Finish()
    {
        Flush();
        var series = _series ?? throw new InvalidOperationException("No series was started.");
        _series = null;
        return series;
    }

    private void Flush()
    {
        if (_count > 1)
        {
            var hash = _key!.Hash;
            Array.Sort(_group, 0, _count, Comparer<SeriesRow>.Create((a, b) => Id(a, hash).CompareTo(Id(b, hash))));
        }

        var series = _series!;
        for (var i = 0; i < _count; i++)
        {
            ref readonly var r = ref _group[i];
            var row = series.Add(r.Started, r.Rtt, (ProbeOutcome)r.Outcome, r.Rcode, identities.IdOf(r.IdServer, r.HostnameBind, r.Nsid), (ProbeKind)r.Kind);
            if (r.Answers >= 0)
            {
                series.Answers.Set(row, keys.Text(r.Answers));
            }

            if (r.HasSoaSerial)
            {
                series.SoaSerials.Set(row, r.SoaSerial);
            }

            if (r.Address >= 0)
            {
                series.Addresses.Set(row, keys.Address(r.Address));
            }

            if (r.Site >= 0)
            {
                series.SiteIds.Set(row, keys.Text(r.Site));
            }
        }

        _count = 0;
    }

    private static Guid Id(in SeriesRow row, ulong hash) => row.Uid ?? MeasurementIds.Derive(hash, row.Started, row.Seq, row.Round);
}
