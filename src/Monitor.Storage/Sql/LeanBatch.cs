using System.Runtime.CompilerServices;

using Monitor.Core.Domain;

namespace Monitor.Storage.Sql;

/// <summary>
/// Measurements about to become rows of one write: each one's series number, its <c>seq</c> (how many
/// rows of the batch before it share its series and start), the numbers of its identities and texts, its
/// round's number and, for imports, its own id; all looked up (and stored when new) when the batch is made,
/// before any row is written.
/// </summary>
internal sealed class LeanBatch
{
    private readonly IReadOnlyList<Measurement> _measurements;
    private const int KeysPerRow = 7;
    private readonly bool _keepIds;
    private readonly int[] _series;
    private readonly int[] _seq;
    private readonly int[] _keys;
    private readonly long?[] _rounds;
    private readonly bool _inRound;
    private readonly int[]? _order;

    /// <param name="measurements">The rows to write.</param>
    /// <param name="keys">Numbers of series, identities and texts (in the write's transaction).</param>
    /// <param name="round">The number of a measurement's round (its <see cref="Measurement.RoundId"/>).</param>
    /// <param name="keepIds">Keep each measurement's id in the row (imports), else it is derived on reading.</param>
    /// <param name="writeRound">
    /// The number of the round being written, if any: a measurement of it that names no round is kept with it
    /// (flag <see cref="LeanColumns.NoRoundId"/>), so its derived id is unique.
    /// </param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public LeanBatch(IReadOnlyList<Measurement> measurements, WriteKeys keys, Func<Guid, long?> round, bool keepIds, long? writeRound)
    {
        _measurements = measurements;
        _keepIds = keepIds;
        _series = new int[measurements.Count];
        _seq = new int[measurements.Count];
        _keys = new int[measurements.Count * KeysPerRow];
        _rounds = new long?[measurements.Count];
        _inRound = writeRound is not null;
        // Ties (rows of one series at one microsecond) found cheaply while each series comes in time order,
        // as a round's rows do: its last start and how many rows had it; a row out of order falls back to a
        // table of every (series, start) of the batch.
        var last = new Dictionary<int, (long Started, int Count)>();
        Dictionary<(int, long), int>? all = null;
        var previous = (Vantage: (string?)null, Target: (string?)null, Id: 0);
        for (var i = 0; i < measurements.Count; i++)
        {
            var m = measurements[i];
            if (!ReferenceEquals(m.VantageId, previous.Vantage) || !ReferenceEquals(m.TargetId, previous.Target))
            {
                previous = (m.VantageId, m.TargetId, keys.Series(m.VantageId, m.TargetId));
            }

            var series = previous.Id;
            _series[i] = series;
            var started = UnixTime.ToMicroseconds(m.Started);
            ref var state = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(last, series, out var known);
            if (all is null && known && started < state.Started)
            {
                all = new Dictionary<(int, long), int>();
                for (var j = 0; j < i; j++)
                {
                    var key = (_series[j], UnixTime.ToMicroseconds(measurements[j].Started));
                    all[key] = Math.Max(all.GetValueOrDefault(key), _seq[j] + 1);
                }
            }

            if (all is not null)
            {
                ref var seen = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(all, (series, started), out _);
                _seq[i] = seen++;
            }
            else
            {
                state = known && state.Started == started ? (started, state.Count + 1) : (started, 1);
                _seq[i] = state.Count - 1;
            }

            var k = _keys.AsSpan(i * KeysPerRow, KeysPerRow);
            var identity = m.Identity;
            k[0] = identity.IdServer is { } a ? keys.Identity(a) : -1;
            k[1] = identity.HostnameBind is { } b ? keys.Identity(b) : -1;
            k[2] = identity.Nsid is { } c ? keys.Identity(c) : -1;
            k[3] = m.Address is { } address ? keys.Address(address) : -1;
            k[4] = m.SiteId is { } site ? keys.Text(site) : -1;
            k[5] = m.Answers is { } answers ? keys.Text(answers) : -1;
            k[6] = m.Error is { } error ? keys.Text(error) : -1;
            _rounds[i] = m.RoundId is { } roundId ? round(roundId) : writeRound;
        }

        _order = KeyOrder();
    }

    /// <summary>
    /// The rows' order by the table's key, or null when they come in it: a batch's rows then go into the
    /// b-tree (and PostgreSQL's index) one series after another, each series' rows next to each other,
    /// instead of one row per series in turn (a round holds one row per target).
    /// </summary>
    private int[]? KeyOrder()
    {
        var count = _measurements.Count;
        var keys = new (int Series, long Started, int Seq)[count];
        var sorted = true;
        for (var i = 0; i < count; i++)
        {
            keys[i] = (_series[i], UnixTime.ToMicroseconds(_measurements[i].Started), _seq[i]);
            sorted &= i == 0 || keys[i - 1].CompareTo(keys[i]) <= 0;
        }

        if (sorted)
        {
            return null;
        }

        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        return order;
    }

    /// <summary>Rows.</summary>
    public int Count => _measurements.Count;

    /// <summary>True when rows keep their measurement's id (<see cref="LeanRow.Uid"/>).</summary>
    public bool KeepsIds => _keepIds;

    /// <summary>The start of row <paramref name="i"/>, Unix µs.</summary>
    public long StartedUs(int i) => UnixTime.ToMicroseconds(_measurements[i].Started);

    /// <summary>Counts every row of the batch in its (series, hour, kind) rollup.</summary>
    public Dictionary<RollupKey, HourRollup> Rollups()
    {
        var rollups = new Dictionary<RollupKey, HourRollup>();
        for (var i = 0; i < _measurements.Count; i++)
        {
            var m = _measurements[i];
            var key = new RollupKey(_series[i], RollupKey.HourOf(UnixTime.ToMicroseconds(m.Started)), (short)m.Kind);
            ref var rollup = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(rollups, key, out _);
            rollup ??= new HourRollup();
            var k = _keys.AsSpan(i * KeysPerRow, KeysPerRow);
            rollup.Add(m.Outcome == ProbeOutcome.Answered, m.Rtt is { } rtt ? UnixTime.ToMicroseconds(rtt) : null, new SiteKey(k[0], k[1], k[2], k[4]));
        }

        return rollups;
    }

    /// <summary>Fills <paramref name="row"/> with row <paramref name="n"/> in key order (series, start, seq).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fill(int n, LeanRow row)
    {
        var i = _order is null ? n : _order[n];
        var m = _measurements[i];
        row.Fill(m, _series[i], _keys.AsSpan(i * KeysPerRow, KeysPerRow));
        row.Values[LeanColumns.Seq] = _seq[i];
        row.SetRound(_rounds[i]);
        if (_inRound && m.RoundId is null)
        {
            row.Values[LeanColumns.Flags] |= LeanColumns.NoRoundId;
        }
        row.Uid = _keepIds ? m.Id : null;
    }
}
