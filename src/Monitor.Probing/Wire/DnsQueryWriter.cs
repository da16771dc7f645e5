using System.Buffers.Binary;

using Monitor.Core.Domain;

namespace Monitor.Probing.Wire;

/// <summary>
/// Writes a DNS query message. This is the one piece DnsClient lacks: its OPT record always goes out
/// without options, so it cannot ask for NSID. The query is a standard QUERY with one question
/// (RFC 1035 §4.1) and, when EDNS is on, an OPT pseudo-record in the additional section (RFC 6891
/// §6.1.2) carrying an empty NSID option when the identity is wanted (RFC 5001 §2.1) and the DO bit
/// when DNSSEC records are wanted (RFC 3225 §3).
/// </summary>
public static class DnsQueryWriter
{
    /// <summary>The EDNS UDP payload size advertised by default: 1232 octets, the DNS Flag Day 2020 value.</summary>
    public const ushort DefaultUdpPayloadSize = 1232;

    private const int HeaderLength = 12;
    private const int OptFixedLength = 11;
    private const int NsidOptionLength = 4;

    /// <summary>Writes a query.</summary>
    /// <param name="id">The message ID.</param>
    /// <param name="question">The question.</param>
    /// <param name="recursionDesired">The RD bit.</param>
    /// <param name="edns">Whether to add an OPT record.</param>
    /// <param name="requestNsid">Whether the OPT record asks for NSID; needs <paramref name="edns"/>.</param>
    /// <param name="udpPayloadSize">The advertised UDP payload size, at least 512.</param>
    /// <param name="dnssecOk">The DO bit of the OPT record (RFC 3225); needs <paramref name="edns"/>.</param>
    /// <returns>The message octets.</returns>
    public static byte[] Write(
        ushort id,
        DnsQuestion question,
        bool recursionDesired,
        bool edns = true,
        bool requestNsid = false,
        ushort udpPayloadSize = DefaultUdpPayloadSize,
        bool dnssecOk = false)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (requestNsid && !edns)
        {
            throw new ArgumentException("NSID is an EDNS option; it needs EDNS.", nameof(requestNsid));
        }

        if (dnssecOk && !edns)
        {
            throw new ArgumentException("The DO bit is in the OPT record; it needs EDNS.", nameof(dnssecOk));
        }

        if (udpPayloadSize < 512)
        {
            throw new ArgumentOutOfRangeException(nameof(udpPayloadSize), udpPayloadSize, "RFC 6891 §6.2.5: values below 512 are treated as 512; send at least 512.");
        }

        var nameLength = WireNameLength(question.Name);
        var length = HeaderLength + nameLength + 4;
        if (edns)
        {
            length += OptFixedLength + (requestNsid ? NsidOptionLength : 0);
        }

        var message = new byte[length];
        var span = message.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span, id);

        // QR=0, OPCODE=0 (QUERY), AA=0, TC=0, RD as asked; RA, Z, AD, CD and RCODE zero.
        span[2] = recursionDesired ? (byte)0x01 : (byte)0x00;
        span[3] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], edns ? (ushort)1 : (ushort)0);

        var offset = HeaderLength;
        offset += WriteName(span[offset..], question.Name);
        BinaryPrimitives.WriteUInt16BigEndian(span[offset..], question.QType);
        BinaryPrimitives.WriteUInt16BigEndian(span[(offset + 2)..], question.QClass);
        offset += 4;

        if (edns)
        {
            span[offset] = 0; // owner: the root
            BinaryPrimitives.WriteUInt16BigEndian(span[(offset + 1)..], DnsTypes.OPT);
            BinaryPrimitives.WriteUInt16BigEndian(span[(offset + 3)..], udpPayloadSize); // CLASS = payload size

            // TTL = extended RCODE 0, VERSION 0, then DO (the top bit of the flags) and Z 0.
            BinaryPrimitives.WriteUInt32BigEndian(span[(offset + 5)..], dnssecOk ? 0x8000u : 0u);
            BinaryPrimitives.WriteUInt16BigEndian(span[(offset + 9)..], requestNsid ? (ushort)NsidOptionLength : (ushort)0);
            offset += OptFixedLength;
            if (requestNsid)
            {
                // RFC 5001 §2.1: the requestor sends the option with an empty payload.
                BinaryPrimitives.WriteUInt16BigEndian(span[offset..], EdnsOptionCodes.Nsid);
                BinaryPrimitives.WriteUInt16BigEndian(span[(offset + 2)..], 0);
            }
        }

        return message;
    }

    private static int WireNameLength(string name) => name.Length == 0 ? 1 : name.Length + 2;

    private static int WriteName(Span<byte> destination, string name)
    {
        var offset = 0;
        if (name.Length > 0)
        {
            foreach (var label in name.Split('.'))
            {
                destination[offset++] = (byte)label.Length;
                foreach (var c in label)
                {
                    destination[offset++] = (byte)c;
                }
            }
        }

        destination[offset++] = 0;
        return offset;
    }
}
