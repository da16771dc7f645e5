namespace Monitor.Storage.Sql;

/// <summary>
/// The rows of one series and one UTC day packed into one value of <c>series_blocks.data</c> (migration 0008):
/// the columns the analysis reads (<see cref="SeriesRow"/>), row after row in key order, each as small varints,
/// what repeats from the row before (outcome, kind and rcode; the identity triple) written once.
/// </summary>
/// <remarks>
/// Format 1: octet 1 (the format), varint row count, zigzag first start (Unix µs); then per row a head octet
/// (bit 0 seq follows, bit 1 outcome/kind/rcode follow, bit 2 identities follow, bit 3 sparse columns follow),
/// varint start minus the previous row's start, [varint seq], [octet outcome, octet kind, varint rcode + 1],
/// zigzag round minus the previous row's round, varint RTT µs + 1, [varint id.server + 1, hostname.bind + 1,
/// nsid + 1], [octet mask (1 SOA serial, 2 address, 4 site, 8 answers, 16 uid), zigzag SOA serial, varint
/// address, varint site, varint answers, 16 octets uid big-endian, those in the mask]. Numbers of identities
/// and texts are the database's own (rows of <c>identities</c> and <c>texts</c>, which are never renumbered).
/// </remarks>
internal static class DayBlock
{
    /// <summary>The format this code writes.</summary>
    public const int Format = 1;

    /// <summary>One UTC day in µs.</summary>
    public const long DayUs = 86_400_000_000L;

    private const string What = "series_blocks";

    private const byte HasSeq = 1;
    private const byte HasHead = 2;
    private const byte HasNames = 4;
    private const byte HasSparse = 8;

    /// <summary>The start of the UTC day of <paramref name="us"/>.</summary>
    public static long DayOf(long us) => Math.DivRem(us, DayUs, out var rest) * DayUs - (rest < 0 ? DayUs : 0);

    /// <summary>Packs <paramref name="rows"/> (key order).</summary>
    public static byte[] Encode(IReadOnlyList<SeriesRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var buffer = new List<byte>((rows.Count * 10) + 16) { Format };
        Varint.Write(buffer, (ulong)rows.Count);
        var started = rows.Count > 0 ? rows[0].Started : 0;
        Varint.WriteSigned(buffer, started);
        var previous = new SeriesRow { Outcome = byte.MaxValue, IdServer = int.MinValue };
        Span<byte> octets = stackalloc byte[16];
        foreach (var r in rows)
        {
            if (r.Started < started)
            {
                throw new ArgumentException("Rows must be in key order.", nameof(rows));
            }

            var sparse = (byte)((r.HasSoaSerial ? 1 : 0) | (r.Address >= 0 ? 2 : 0) | (r.Site >= 0 ? 4 : 0) | (r.Answers >= 0 ? 8 : 0) | (r.Uid is null ? 0 : 16));
            var head = r.Outcome != previous.Outcome || r.Kind != previous.Kind || r.Rcode != previous.Rcode;
            var names = r.IdServer != previous.IdServer || r.HostnameBind != previous.HostnameBind || r.Nsid != previous.Nsid;
            buffer.Add((byte)((r.Seq != 0 ? HasSeq : 0) | (head ? HasHead : 0) | (names ? HasNames : 0) | (sparse != 0 ? HasSparse : 0)));
            Varint.Write(buffer, (ulong)(r.Started - started));
            if (r.Seq != 0)
            {
                Varint.Write(buffer, (ulong)r.Seq);
            }

            if (head)
            {
                buffer.Add(r.Outcome);
                buffer.Add(r.Kind);
                Varint.Write(buffer, (ulong)(r.Rcode + 1));
            }

            Varint.WriteSigned(buffer, r.Round - previous.Round);
            Varint.Write(buffer, (ulong)(r.Rtt + 1));
            if (names)
            {
                Varint.Write(buffer, (ulong)(r.IdServer + 1));
                Varint.Write(buffer, (ulong)(r.HostnameBind + 1));
                Varint.Write(buffer, (ulong)(r.Nsid + 1));
            }

            if (sparse != 0)
            {
                buffer.Add(sparse);
                if (r.HasSoaSerial)
                {
                    Varint.WriteSigned(buffer, r.SoaSerial);
                }

                WriteIf(buffer, r.Address);
                WriteIf(buffer, r.Site);
                WriteIf(buffer, r.Answers);
                if (r.Uid is { } uid)
                {
                    uid.TryWriteBytes(octets, bigEndian: true, out _);
                    buffer.AddRange(octets);
                }
            }

            started = r.Started;
            previous = r;
        }

        return [.. buffer];
    }

    /// <summary>
    /// Unpacks the rows of <paramref name="data"/> started in [<paramref name="fromUs"/>, <paramref name="toUs"/>)
    /// into <paramref name="rows"/> (cleared first), probe kind 0 only unless <paramref name="allKinds"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The value is damaged or of an unknown format.</exception>
    public static void Decode(ReadOnlySpan<byte> data, long fromUs, long toUs, bool allKinds, List<SeriesRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        rows.Clear();
        if (data.IsEmpty || data[0] != Format)
        {
            throw new InvalidDataException($"A {What} value is of an unknown format ({(data.IsEmpty ? "empty" : data[0].ToString(System.Globalization.CultureInfo.InvariantCulture))}).");
        }

        var s = data[1..];
        var count = Varint.Read(ref s, What);
        var started = Varint.ReadSigned(ref s, What);
        var r = new SeriesRow { Address = -1, Site = -1, Answers = -1 };
        for (var i = 0UL; i < count; i++)
        {
            if (s.IsEmpty)
            {
                throw new InvalidDataException($"A {What} value ends after {i} of its {count} rows.");
            }

            var head = s[0];
            s = s[1..];
            started += (long)Varint.Read(ref s, What);
            r.Started = started;
            r.Seq = (head & HasSeq) != 0 ? checked((int)Varint.Read(ref s, What)) : 0;
            if ((head & HasHead) != 0)
            {
                if (s.Length < 2)
                {
                    throw new InvalidDataException($"A {What} value ends inside row {i}.");
                }

                r.Outcome = s[0];
                r.Kind = s[1];
                s = s[2..];
                r.Rcode = checked((int)Varint.Read(ref s, What)) - 1;
            }

            r.Round += Varint.ReadSigned(ref s, What);
            r.Rtt = checked((int)Varint.Read(ref s, What)) - 1;
            if ((head & HasNames) != 0)
            {
                r.IdServer = checked((int)Varint.Read(ref s, What)) - 1;
                r.HostnameBind = checked((int)Varint.Read(ref s, What)) - 1;
                r.Nsid = checked((int)Varint.Read(ref s, What)) - 1;
            }

            if ((head & HasSparse) != 0)
            {
                if (s.IsEmpty)
                {
                    throw new InvalidDataException($"A {What} value ends inside row {i}.");
                }

                var mask = s[0];
                s = s[1..];
                r.HasSoaSerial = (mask & 1) != 0;
                r.SoaSerial = r.HasSoaSerial ? Varint.ReadSigned(ref s, What) : 0;
                r.Address = (mask & 2) != 0 ? checked((int)Varint.Read(ref s, What)) : -1;
                r.Site = (mask & 4) != 0 ? checked((int)Varint.Read(ref s, What)) : -1;
                r.Answers = (mask & 8) != 0 ? checked((int)Varint.Read(ref s, What)) : -1;
                if ((mask & 16) != 0)
                {
                    if (s.Length < 16)
                    {
                        throw new InvalidDataException($"A {What} value ends inside row {i}.");
                    }

                    r.Uid = new Guid(s[..16], bigEndian: true);
                    s = s[16..];
                }
                else
                {
                    r.Uid = null;
                }
            }
            else
            {
                r.HasSoaSerial = false;
                r.SoaSerial = 0;
                r.Address = r.Site = r.Answers = -1;
                r.Uid = null;
            }

            if (started >= toUs)
            {
                return; // in key order: the rest is later still
            }

            if (started >= fromUs && (allKinds || r.Kind == 0))
            {
                rows.Add(r);
            }
        }

        if (!s.IsEmpty)
        {
            throw new InvalidDataException($"A {What} value has {s.Length} octet(s) after its {count} rows.");
        }
    }

    private static void WriteIf(List<byte> buffer, int value)
    {
        if (value >= 0)
        {
            Varint.Write(buffer, (ulong)value);
        }
    }
}
