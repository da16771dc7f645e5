using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Monitor.Testing;

/// <summary>A query as a test server sees it, read by hand (not by the code under test).</summary>
public sealed record ParsedQuery(ushort Id, bool RecursionDesired, string Name, ushort QType, ushort QClass, bool HasOpt, bool RequestsNsid, byte[] Raw, EndPoint? Remote)
{
    /// <summary>The DO bit of the OPT record (RFC 3225).</summary>
    public bool DnssecOk { get; init; }

    /// <summary>The OPT record's UDP payload size; null without OPT.</summary>
    public ushort? PayloadSize { get; init; }

    /// <summary>Reads a plain query (no compression, at most one OPT record).</summary>
    public static ParsedQuery Parse(byte[] raw, EndPoint? remote = null)
    {
        var id = BinaryPrimitives.ReadUInt16BigEndian(raw);
        var rd = (raw[2] & 0x01) != 0;
        var arCount = BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(10));
        var offset = 12;
        var labels = new List<string>();
        while (raw[offset] != 0)
        {
            labels.Add(Encoding.ASCII.GetString(raw, offset + 1, raw[offset]));
            offset += raw[offset] + 1;
        }

        offset++;
        var qtype = BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(offset));
        var qclass = BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(offset + 2));
        offset += 4;
        var hasOpt = false;
        var nsid = false;
        var dnssecOk = false;
        ushort? payload = null;
        if (arCount == 1 && raw.Length >= offset + 11 && raw[offset] == 0 && BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(offset + 1)) == 41)
        {
            hasOpt = true;
            payload = BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(offset + 3));
            dnssecOk = (raw[offset + 7] & 0x80) != 0;
            var rdLength = BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(offset + 9));
            var o = offset + 11;
            while (o + 4 <= offset + 11 + rdLength)
            {
                var code = BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(o));
                var length = BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(o + 2));
                nsid |= code == 3;
                o += 4 + length;
            }
        }

        return new ParsedQuery(id, rd, string.Join('.', labels), qtype, qclass, hasOpt, nsid, raw, remote) { DnssecOk = dnssecOk, PayloadSize = payload };
    }
}
