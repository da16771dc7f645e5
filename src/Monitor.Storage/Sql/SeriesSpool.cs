using Monitor.Core.Domain;

namespace Monitor.Storage.Sql;

/// <summary>
/// Measurement rows read in any order (a plain table scan), kept per series (vantage point, target) in
/// a compact encoding, then given back in series order: vantage id and target id as SQLite's BINARY
/// collation orders them (octets of the UTF-8), then time, then id — exactly
/// <c>ORDER BY vantage_id, target_id, started_us, id</c>. Walking the index instead costs a random table
/// lookup per row, most of a large analysis' time. A row takes about 25–35 bytes here (16 of them its
/// id): integers as varints (time as the difference to the series' previous row), repeated texts,
/// identities and round ids as numbers into tables of distinct values. Each series is decoded into
/// measurements only when its turn comes, and its bytes are dropped then.
/// </summary>
internal sealed class SeriesSpool
{
    // Bits of a row's flags: which nullable columns it has, and the truncated bit.
    private const int HasRound = 1 << 0;
    private const int HasRtt = 1 << 1;
    private const int HasRcode = 1 << 2;
    private const int HasSize = 1 << 3;
    private const int HasIdServer = 1 << 4;
    private const int HasHostnameBind = 1 << 5;
    private const int HasNsid = 1 << 6;
    private const int HasIdentityRtt = 1 << 7;
    private const int HasError = 1 << 8;
    private const int HasSiteId = 1 << 9;
    private const int HasAnswers = 1 << 10;
    private const int IsTruncated = 1 << 11;

    // The columns of migration 0005, in order from here: a bit each (TransportColumns.First + k).
    private const int FirstTransportBit = 12;

    // The longest a row can encode to: flags (3), id (16), 24 varints of at most 10 bytes.
    private const int MaxRowBytes = 3 + 16 + (24 * 10);

    private readonly ByteKeyedTable<string> _texts;
    private readonly ByteKeyedTable<IdentityValue> _identities;
    private readonly Dictionary<long, Series> _series = [];
    private readonly Dictionary<Guid, int> _roundIndex = [];
    private readonly List<Guid> _rounds = [];

    /// <summary>A spool whose texts and identities are numbered in the reader's tables.</summary>
    public SeriesSpool(SqliteMeasurementReader reader)
    {
        _texts = reader.Texts;
        _identities = reader.Identities;
    }

    /// <summary>Rows kept.</summary>
    public long Count { get; private set; }

    /// <summary>Keeps the reader's current row.</summary>
    public void Add(SqliteMeasurementReader r)
    {
        var vantage = _texts.IndexOf(r.Bytes(MeasurementColumn.Vantage));
        var target = _texts.IndexOf(r.Bytes(MeasurementColumn.Target));
        var key = ((long)vantage << 32) | (uint)target;
        if (!_series.TryGetValue(key, out var s))
        {
            s = new Series(vantage, target);
            _series.Add(key, s);
        }

        var id = r.Bytes(MeasurementColumn.Id);
        if (id.Length != 16)
        {
            throw new ArgumentException($"A measurement id is {id.Length} bytes long, not 16.");
        }

        var flags = 0;
        var round = -1;
        if (!r.IsNull(MeasurementColumn.RoundId))
        {
            flags |= HasRound;
            var roundId = r.Guid(MeasurementColumn.RoundId);
            if (!_roundIndex.TryGetValue(roundId, out round))
            {
                round = _rounds.Count;
                _roundIndex.Add(roundId, round);
                _rounds.Add(roundId);
            }
        }

        flags |= r.IsNull(MeasurementColumn.Rtt) ? 0 : HasRtt;
        flags |= r.IsNull(MeasurementColumn.Rcode) ? 0 : HasRcode;
        flags |= r.IsNull(MeasurementColumn.ResponseSize) ? 0 : HasSize;
        flags |= r.IsNull(MeasurementColumn.IdServer) ? 0 : HasIdServer;
        flags |= r.IsNull(MeasurementColumn.HostnameBind) ? 0 : HasHostnameBind;
        flags |= r.IsNull(MeasurementColumn.Nsid) ? 0 : HasNsid;
        flags |= r.IsNull(MeasurementColumn.IdentityRtt) ? 0 : HasIdentityRtt;
        flags |= r.IsNull(MeasurementColumn.Error) ? 0 : HasError;
        flags |= r.IsNull(MeasurementColumn.SiteId) ? 0 : HasSiteId;
        flags |= r.IsNull(MeasurementColumn.Answers) ? 0 : HasAnswers;
        flags |= checked((short)r.Int64(MeasurementColumn.Truncated)) != 0 ? IsTruncated : 0;
        for (var k = 0; k < TransportColumns.Columns.Length; k++)
        {
            flags |= r.IsNull(TransportColumns.First + k) ? 0 : 1 << (FirstTransportBit + k);
        }

        var started = r.Int64(MeasurementColumn.Started);
        s.Reserve(MaxRowBytes);
        s.WriteVarint((ulong)flags);
        s.WriteBytes(id);
        s.WriteSigned(started - s.LastStarted);
        s.LastStarted = started;
        s.WriteSigned(checked((short)r.Int64(MeasurementColumn.Outcome)));
        s.WriteSigned(checked((short)r.Int64(MeasurementColumn.Kind)));
        s.WriteSigned(checked((int)r.Int64(MeasurementColumn.Discarded)));
        if ((flags & HasRound) != 0)
        {
            s.WriteVarint((ulong)round);
        }

        WriteIf(s, flags, HasRtt, r, MeasurementColumn.Rtt);
        if ((flags & HasRcode) != 0)
        {
            s.WriteSigned(checked((int)r.Int64(MeasurementColumn.Rcode)));
        }

        if ((flags & HasSize) != 0)
        {
            s.WriteSigned(checked((int)r.Int64(MeasurementColumn.ResponseSize)));
        }

        IndexIf(s, flags, HasIdServer, _identities, r, MeasurementColumn.IdServer);
        IndexIf(s, flags, HasHostnameBind, _identities, r, MeasurementColumn.HostnameBind);
        IndexIf(s, flags, HasNsid, _identities, r, MeasurementColumn.Nsid);
        WriteIf(s, flags, HasIdentityRtt, r, MeasurementColumn.IdentityRtt);
        IndexIf(s, flags, HasError, _texts, r, MeasurementColumn.Error);
        IndexIf(s, flags, HasSiteId, _texts, r, MeasurementColumn.SiteId);
        IndexIf(s, flags, HasAnswers, _texts, r, MeasurementColumn.Answers);
        for (var k = 0; k < TransportColumns.Columns.Length; k++)
        {
            var ordinal = TransportColumns.First + k;
            if (ordinal == MeasurementColumn.Address)
            {
                IndexIf(s, flags, 1 << (FirstTransportBit + k), _texts, r, ordinal);
            }
            else
            {
                WriteIf(s, flags, 1 << (FirstTransportBit + k), r, ordinal);
            }
        }

        s.Count++;
        Count++;
    }

    /// <summary>
    /// Every row kept, series by series in series order, each series by time then id. Each series' bytes
    /// are released once it is decoded; the spool is empty afterwards.
    /// </summary>
    public IEnumerable<Measurement> Drain()
    {
        var order = _series.Values.ToList();
        order.Sort((a, b) =>
        {
            var byVantage = _texts.KeyOf(a.Vantage).AsSpan().SequenceCompareTo(_texts.KeyOf(b.Vantage));
            return byVantage != 0 ? byVantage : _texts.KeyOf(a.Target).AsSpan().SequenceCompareTo(_texts.KeyOf(b.Target));
        });
        _series.Clear();
        foreach (var s in order)
        {
            var rows = Decode(s);
            foreach (var (_, m) in rows)
            {
                yield return m;
            }
        }
    }

    private (long Started, Measurement Measurement)[] Decode(Series s)
    {
        var vantage = _texts[s.Vantage];
        var target = _texts[s.Target];
        var rows = new (long Started, Measurement Measurement)[s.Count];
        var chunks = s.Release();
        var chunk = 0;
        var buffer = chunks[0].Bytes;
        var at = 0;
        long started = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            while (at >= chunks[chunk].Length)
            {
                chunk++;
                buffer = chunks[chunk].Bytes;
                at = 0;
            }

            var flags = (int)ReadVarint(buffer, ref at);
            var id = new Guid(buffer.AsSpan(at, 16), bigEndian: true);
            at += 16;
            started += ReadSigned(buffer, ref at);
            var outcome = (ProbeOutcome)(short)ReadSigned(buffer, ref at);
            var kind = (ProbeKind)(short)ReadSigned(buffer, ref at);
            var discarded = (int)ReadSigned(buffer, ref at);
            Guid? round = (flags & HasRound) != 0 ? _rounds[(int)ReadVarint(buffer, ref at)] : null;
            TimeSpan? rtt = (flags & HasRtt) != 0 ? UnixTime.DurationFromMicroseconds(ReadSigned(buffer, ref at)) : null;
            int? rcode = (flags & HasRcode) != 0 ? (int)ReadSigned(buffer, ref at) : null;
            int? size = (flags & HasSize) != 0 ? (int)ReadSigned(buffer, ref at) : null;
            var idServer = (flags & HasIdServer) != 0 ? _identities[(int)ReadVarint(buffer, ref at)] : null;
            var hostnameBind = (flags & HasHostnameBind) != 0 ? _identities[(int)ReadVarint(buffer, ref at)] : null;
            var nsid = (flags & HasNsid) != 0 ? _identities[(int)ReadVarint(buffer, ref at)] : null;
            TimeSpan? identityRtt = (flags & HasIdentityRtt) != 0 ? UnixTime.DurationFromMicroseconds(ReadSigned(buffer, ref at)) : null;
            var error = (flags & HasError) != 0 ? _texts[(int)ReadVarint(buffer, ref at)] : null;
            var siteId = (flags & HasSiteId) != 0 ? _texts[(int)ReadVarint(buffer, ref at)] : null;
            var answers = (flags & HasAnswers) != 0 ? _texts[(int)ReadVarint(buffer, ref at)] : null;
            var extra = new long[TransportColumns.Columns.Length];
            for (var k = 0; k < extra.Length; k++)
            {
                if ((flags & (1 << (FirstTransportBit + k))) != 0)
                {
                    extra[k] = TransportColumns.First + k == MeasurementColumn.Address ? (long)ReadVarint(buffer, ref at) : ReadSigned(buffer, ref at);
                }
            }

            var measurement = new Measurement
            {
                Id = id,
                RoundId = round,
                VantageId = vantage,
                TargetId = target,
                Started = UnixTime.FromMicroseconds(started),
                Outcome = outcome,
                Rtt = rtt,
                Rcode = rcode,
                ResponseSize = size,
                Truncated = (flags & IsTruncated) != 0,
                Identity = idServer is null && hostnameBind is null && nsid is null ? ObservedIdentity.None : new ObservedIdentity(idServer, hostnameBind, nsid),
                IdentityRtt = identityRtt,
                Discarded = discarded,
                Error = error,
                Kind = kind,
                SiteId = siteId,
                Answers = answers,
            };
            var present = flags;
            rows[i] = (started, TransportColumns.Read(
                measurement,
                ordinal => (present & (1 << (FirstTransportBit + ordinal - TransportColumns.First))) == 0,
                ordinal => extra[ordinal - TransportColumns.First],
                ordinal => _texts[(int)extra[ordinal - TransportColumns.First]]));
        }

        // Ids are unique, so this order is total. Guid order is the order of the big-endian octets
        // (its fields compare as unsigned numbers, first to last), which is how SQLite orders the blobs.
        Array.Sort(rows, static (a, b) => a.Started != b.Started ? a.Started.CompareTo(b.Started) : a.Measurement.Id.CompareTo(b.Measurement.Id));
        return rows;
    }

    private static void WriteIf(Series s, int flags, int bit, SqliteMeasurementReader r, int ordinal)
    {
        if ((flags & bit) != 0)
        {
            s.WriteSigned(r.Int64(ordinal));
        }
    }

    private static void IndexIf<T>(Series s, int flags, int bit, ByteKeyedTable<T> table, SqliteMeasurementReader r, int ordinal)
    {
        if ((flags & bit) != 0)
        {
            s.WriteVarint((ulong)table.IndexOf(r.Bytes(ordinal)));
        }
    }

    private static ulong ReadVarint(byte[] buffer, ref int at)
    {
        ulong value = 0;
        var shift = 0;
        while (true)
        {
            var b = buffer[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }

            shift += 7;
        }
    }

    private static long ReadSigned(byte[] buffer, ref int at)
    {
        var zigzag = ReadVarint(buffer, ref at);
        return (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
    }

    /// <summary>
    /// One series' rows, encoded back to back in chunks of <see cref="ChunkBytes"/> (a row never spans two),
    /// so that growing wastes at most a chunk per series instead of half of a doubled array.
    /// </summary>
    private sealed class Series(int vantage, int target)
    {
        private const int ChunkBytes = 16 * 1024;
        private readonly List<(byte[] Bytes, int Length)> _full = [];
        private byte[] _chunk = new byte[256];
        private int _length;

        public int Vantage { get; } = vantage;

        public int Target { get; } = target;

        public int Count { get; set; }

        public long LastStarted { get; set; }

        public void Reserve(int bytes)
        {
            if (_length + bytes <= _chunk.Length)
            {
                return;
            }

            if (_chunk.Length < ChunkBytes)
            {
                // Small series stay small: the first chunk grows up to full size.
                Array.Resize(ref _chunk, Math.Max(Math.Min(_chunk.Length * 2, ChunkBytes), _length + bytes));
                return;
            }

            _full.Add((_chunk, _length));
            _chunk = new byte[ChunkBytes];
            _length = 0;
        }

        public void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _chunk[_length++] = (byte)(value | 0x80);
                value >>= 7;
            }

            _chunk[_length++] = (byte)value;
        }

        public void WriteSigned(long value) => WriteVarint((ulong)((value << 1) ^ (value >> 63)));

        public void WriteBytes(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_chunk.AsSpan(_length));
            _length += bytes.Length;
        }

        /// <summary>The chunks in order, each with its used length; the series keeps none of them.</summary>
        public List<(byte[] Bytes, int Length)> Release()
        {
            var chunks = _full.ToList();
            chunks.Add((_chunk, _length));
            _full.Clear();
            _chunk = [];
            _length = 0;
            return chunks;
        }
    }
}
