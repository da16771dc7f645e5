using System.Buffers.Binary;
using System.Text;

namespace Monitor.Probing.Tests.Atlas;

/// <summary>
/// A small DNS message decoder written for the tests from RFC 1035 §4.1 (names with compression
/// pointers, the question, resource records, TXT character-strings) and RFC 6891 §6.1.3 (the OPT
/// record's extended rcode), sharing no code with Monitor's reader, so the two can check each other.
/// </summary>
internal static class IndependentDns
{
    public sealed record Decoded(int Rcode, string? QName, ushort QClass, IReadOnlyList<(string Owner, ushort Class, byte[] Text)> Txt, byte[]? Nsid);

    public static Decoded Decode(byte[] m)
    {
        var flags = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(2));
        int qd = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(4));
        int an = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(6));
        int ns = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(8));
        int ar = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(10));
        var offset = 12;
        string? qname = null;
        ushort qclass = 0;
        for (var i = 0; i < qd; i++)
        {
            var name = Name(m, ref offset);
            var cls = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(offset + 2));
            offset += 4;
            if (i == 0)
            {
                qname = name;
                qclass = cls;
            }
        }

        var rcode = flags & 0xF;
        var txt = new List<(string, ushort, byte[])>();
        byte[]? nsid = null;
        for (var i = 0; i < an + ns + ar; i++)
        {
            var owner = Name(m, ref offset);
            var type = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(offset));
            var cls = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(offset + 2));
            var ttl = BinaryPrimitives.ReadUInt32BigEndian(m.AsSpan(offset + 4));
            int length = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(offset + 8));
            var data = m.AsSpan(offset + 10, length);
            offset += 10 + length;
            if (i < an && type == 16)
            {
                var text = new List<byte>();
                for (var p = 0; p < data.Length; p += 1 + data[p])
                {
                    text.AddRange(data.Slice(p + 1, data[p]).ToArray());
                }

                txt.Add((owner, cls, [.. text]));
            }
            else if (i >= an + ns && type == 41)
            {
                rcode |= (int)(ttl >> 24) << 4;
                for (var p = 0; p + 4 <= data.Length;)
                {
                    var code = BinaryPrimitives.ReadUInt16BigEndian(data[p..]);
                    int optionLength = BinaryPrimitives.ReadUInt16BigEndian(data[(p + 2)..]);
                    if (code == 3)
                    {
                        nsid = data.Slice(p + 4, optionLength).ToArray();
                    }

                    p += 4 + optionLength;
                }
            }
        }

        return new Decoded(rcode, qname, qclass, txt, nsid);
    }

    private static string Name(byte[] m, ref int offset)
    {
        var labels = new List<string>();
        var position = offset;
        var jumped = false;
        for (var hops = 0; hops < 128; hops++)
        {
            var length = m[position];
            if ((length & 0xC0) == 0xC0)
            {
                if (!jumped)
                {
                    offset = position + 2;
                }

                jumped = true;
                position = ((length & 0x3F) << 8) | m[position + 1];
                continue;
            }

            if (length == 0)
            {
                if (!jumped)
                {
                    offset = position + 1;
                }

                return string.Join('.', labels);
            }

            labels.Add(Encoding.Latin1.GetString(m, position + 1, length));
            position += 1 + length;
        }

        throw new InvalidDataException("pointer loop");
    }
}
