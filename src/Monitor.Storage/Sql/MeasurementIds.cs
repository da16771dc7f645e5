using System.Buffers.Binary;
using System.Text;

namespace Monitor.Storage.Sql;

/// <summary>
/// The id of a stored measurement that kept none (every probe written in a round; imported ones keep
/// theirs): a UUID (version 8, RFC 9562 §5.8) made from what identifies the row, so it is the same at
/// every read and in every database holding the row. Its octets, big-endian, are the start in Unix
/// milliseconds (48 bits), the version, the microseconds within the millisecond (10 bits), the row's
/// <c>seq</c> (8 bits, split around the variant) and 56 bits of a hash of the vantage point and target
/// mixed with the round's number (so two rounds' rows of one series at one microsecond differ even where
/// the table holds no unique key, as on PostgreSQL): ids sort by start time as UUIDv7s do, and rows of one
/// round and series started at the same microsecond by seq.
/// </summary>
internal static class MeasurementIds
{
    /// <summary>The hash of a series that goes into its rows' ids (FNV-1a over the UTF-8 of both ids).</summary>
    public static ulong SeriesHash(string vantageId, string targetId)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(vantageId + "\n" + targetId))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>The id of the row <paramref name="seq"/> of a series and round started at <paramref name="startedUs"/>.</summary>
    public static Guid Derive(ulong seriesHash, long startedUs, int seq, long round)
    {
        var hash = seriesHash ^ ((ulong)round * 0x9E3779B97F4A7C15UL);
        var ms = Math.DivRem(startedUs, 1000, out var us);
        if (us < 0)
        {
            ms--;
            us += 1000;
        }

        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(b, ((ulong)ms << 16) | 0x8000UL | ((ulong)us << 2) | ((ulong)(seq >> 6) & 3));
        BinaryPrimitives.WriteUInt64BigEndian(b[8..], (0x80UL << 56) | ((ulong)(seq & 0x3f) << 56) | (hash >> 8));
        return new Guid(b, bigEndian: true);
    }
}
