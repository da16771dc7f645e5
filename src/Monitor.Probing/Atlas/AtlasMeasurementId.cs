using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Monitor.Probing.Atlas;

/// <summary>
/// The measurement id of an Atlas result: a name-based UUID (RFC 9562 §5.8, version 8) whose 122 free
/// bits are the first bits of SHA-256 over the result's key — msm_id, prb_id, timestamp, af, proto,
/// dst_addr and the position in a <c>resultset</c>. The same result always gets the same id, so a
/// second import of a file, or two downloads of one measurement that overlap in time, store each
/// result once (<c>ON CONFLICT (id) DO NOTHING</c>).
/// </summary>
public static class AtlasMeasurementId
{
    /// <summary>
    /// One SHA-256 context per thread, reset after each hash: the one-shot API sets up a new OpenSSL
    /// context per call, which costs more than hashing a key of 60 octets.
    /// </summary>
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    /// <summary>The id for one result.</summary>
    /// <param name="measurementId">msm_id.</param>
    /// <param name="probeId">prb_id.</param>
    /// <param name="timestamp">The result's <c>timestamp</c>, Unix seconds as Atlas wrote it.</param>
    /// <param name="af">4, 6, or null when the result named no family.</param>
    /// <param name="proto">UDP or TCP as written (compared case-insensitively), or null.</param>
    /// <param name="destination">dst_addr as written, or null.</param>
    /// <param name="resultsetIndex">The position in a resultset, or null for the <c>result</c> form.</param>
    public static Guid Create(long measurementId, long probeId, long timestamp, int? af, string? proto, string? destination, int? resultsetIndex)
    {
        var upper = proto is null ? null : string.Equals(proto, "UDP", StringComparison.Ordinal) || string.Equals(proto, "TCP", StringComparison.Ordinal) ? proto : proto.ToUpperInvariant();
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> key = stackalloc byte[256];
        if (Utf8.TryWrite(key, CultureInfo.InvariantCulture, $"atlas/{measurementId}/{probeId}/{timestamp}/{af}/{upper}/{destination}/{resultsetIndex}", out var written))
        {
            var sha = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha.AppendData(key[..written]);
            sha.GetHashAndReset(hash);
        }
        else
        {
            // A destination too long for the stack (no real one is): the same octets from the heap.
            SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"atlas/{measurementId}/{probeId}/{timestamp}/{af}/{upper}/{destination}/{resultsetIndex}")), hash);
        }

        // Big-endian field order as RFC 9562 writes UUIDs; version 8 in the high nibble of octet 6,
        // variant 0b10 in the high bits of octet 8.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
