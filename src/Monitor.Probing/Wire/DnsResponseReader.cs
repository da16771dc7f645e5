using System.Collections.Immutable;
using System.Net;

using Monitor.Core.Domain;

using DnsDatagramReader = DnsClient.DnsDatagramReader;
using DnsResponseParseException = DnsClient.DnsResponseParseException;

namespace Monitor.Probing.Wire;

/// <summary>
/// Reads responses with DnsClient's <see cref="DnsDatagramReader"/>, which decodes names and their
/// compression pointers (RFC 1035 §4.1.4) and guards against pointer loops. Every length is checked
/// against the message; whatever does not add up becomes a <see cref="DnsWireException"/>, never
/// another exception and never a partial answer.
/// </summary>
public static class DnsResponseReader
{
    private const int HeaderLength = 12;

    /// <summary>Reads header and question.</summary>
    /// <exception cref="DnsWireException">The octets are not a DNS message head.</exception>
    public static DnsResponseHead ReadHead(byte[] message) => Guard(() => ReadHeadCore(message));

    /// <summary>Reads the whole response.</summary>
    /// <exception cref="DnsWireException">Any section is truncated or inconsistent.</exception>
    public static DnsResponse Read(byte[] message)
    {
        var head = ReadHead(message);
        return Guard(() => ReadBody(message, head));
    }

    private static DnsResponseHead ReadHeadCore(byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Length < HeaderLength)
        {
            throw new DnsWireException($"{message.Length} octets are shorter than a DNS header.");
        }

        var reader = new DnsDatagramReader(new ArraySegment<byte>(message));
        var id = reader.ReadUInt16NetworkOrder();
        var flags = reader.ReadUInt16NetworkOrder();
        var qdCount = reader.ReadUInt16NetworkOrder();
        var anCount = reader.ReadUInt16NetworkOrder();
        var nsCount = reader.ReadUInt16NetworkOrder();
        var arCount = reader.ReadUInt16NetworkOrder();

        DnsQuestion? first = null;
        for (var i = 0; i < qdCount; i++)
        {
            var name = ReadName(reader);
            var qtype = reader.ReadUInt16NetworkOrder();
            var qclass = reader.ReadUInt16NetworkOrder();
            if (i == 0)
            {
                first = ToQuestion(name, qclass, qtype);
            }
        }

        return new DnsResponseHead(
            id,
            IsResponse: (flags & 0x8000) != 0,
            Opcode: (flags >> 11) & 0xF,
            Truncated: (flags & 0x0200) != 0,
            HeaderRcode: flags & 0xF,
            first,
            qdCount,
            anCount,
            nsCount,
            arCount,
            reader.Index)
        {
            AuthenticData = (flags & 0x0020) != 0,
        };
    }

    private static DnsResponse ReadBody(byte[] message, DnsResponseHead head)
    {
        var reader = new DnsDatagramReader(new ArraySegment<byte>(message), head.BodyOffset);
        var txt = ImmutableArray.CreateBuilder<TxtRecord>();
        var addresses = ImmutableArray.CreateBuilder<IPAddress>();
        var rcode = head.HeaderRcode;
        var hasOpt = false;
        ImmutableArray<byte>? nsid = null;
        var rrsigSeen = false;
        uint? soaSerial = null;

        var total = head.AnswerCount + head.AuthorityCount + head.AdditionalCount;
        for (var i = 0; i < total; i++)
        {
            var owner = ReadName(reader);
            var type = reader.ReadUInt16NetworkOrder();
            var rrClass = reader.ReadUInt16NetworkOrder();
            var ttl = reader.ReadUInt32NetworkOrder();
            var rdLength = reader.ReadUInt16NetworkOrder();
            var rdStart = reader.Index;
            if (rdStart + rdLength > message.Length)
            {
                throw new DnsWireException($"A record's RDATA of {rdLength} octets at {rdStart} runs past the end of the {message.Length}-octet message.");
            }

            var inAnswer = i < head.AnswerCount;
            var inAdditional = i >= head.AnswerCount + head.AuthorityCount;
            if (type == DnsTypes.RRSIG && !inAdditional)
            {
                rrsigSeen = true;
            }
            else if (inAnswer && type == DnsTypes.SOA && soaSerial is null && head.Question is { } asked &&
                string.Equals(owner, asked.Name, StringComparison.OrdinalIgnoreCase))
            {
                soaSerial = ReadSoaSerial(reader, rdStart, rdLength);
            }
            else if (inAnswer && type == DnsTypes.TXT)
            {
                txt.Add(new TxtRecord(owner, rrClass, ReadCharacterStrings(message, rdStart, rdLength)));
            }
            else if (inAnswer && rrClass == DnsClasses.IN && type is DnsTypes.A or DnsTypes.AAAA)
            {
                var expected = type == DnsTypes.A ? 4 : 16;
                if (rdLength != expected)
                {
                    throw new DnsWireException($"An {(type == DnsTypes.A ? "A" : "AAAA")} record's RDATA is {rdLength} octets, not {expected}.");
                }

                addresses.Add(new IPAddress(message.AsSpan(rdStart, rdLength)));
            }
            else if (inAdditional && type == DnsTypes.OPT)
            {
                if (hasOpt)
                {
                    // RFC 6891 §6.1.1: more than one OPT record makes the message malformed (FORMERR).
                    throw new DnsWireException("The response carries more than one OPT record.");
                }

                if (owner.Length != 0)
                {
                    throw new DnsWireException("The OPT record's owner is not the root.");
                }

                hasOpt = true;
                rcode |= (int)(ttl >> 24) << 4;
                nsid = ReadNsid(message, rdStart, rdLength);
            }

            reader.Advance(rdStart + rdLength - reader.Index);
        }

        // Trailing octets after the last record are tolerated, as most resolvers do, and never read.
        return new DnsResponse(head, rcode, message.Length, txt.ToImmutable(), hasOpt, nsid)
        {
            AddressAnswers = addresses.ToImmutable(),
            AuthenticData = head.AuthenticData,
            RrsigSeen = rrsigSeen,
            SoaSerial = soaSerial,
        };
    }

    /// <summary>RFC 1035 §3.3.13: MNAME and RNAME (names, maybe compressed), then SERIAL, REFRESH, RETRY, EXPIRE, MINIMUM.</summary>
    private static uint ReadSoaSerial(DnsDatagramReader reader, int rdStart, int rdLength)
    {
        _ = reader.ReadDnsName();
        _ = reader.ReadDnsName();
        if (reader.Index + 20 > rdStart + rdLength)
        {
            throw new DnsWireException($"An SOA record's RDATA of {rdLength} octets is too short for its names and five numbers.");
        }

        return reader.ReadUInt32NetworkOrder();
    }

    private static ImmutableArray<ImmutableArray<byte>> ReadCharacterStrings(byte[] message, int start, int length)
    {
        var strings = ImmutableArray.CreateBuilder<ImmutableArray<byte>>();
        var offset = start;
        var end = start + length;
        while (offset < end)
        {
            var stringLength = message[offset];
            if (offset + 1 + stringLength > end)
            {
                throw new DnsWireException("A TXT character-string runs past its record.");
            }

            strings.Add(ImmutableArray.Create(message, offset + 1, stringLength));
            offset += 1 + stringLength;
        }

        return strings.ToImmutable();
    }

    private static ImmutableArray<byte>? ReadNsid(byte[] message, int start, int length)
    {
        ImmutableArray<byte>? nsid = null;
        var offset = start;
        var end = start + length;
        while (offset < end)
        {
            if (offset + 4 > end)
            {
                throw new DnsWireException("An EDNS option header runs past the OPT record.");
            }

            var code = (ushort)((message[offset] << 8) | message[offset + 1]);
            var optionLength = (message[offset + 2] << 8) | message[offset + 3];
            if (offset + 4 + optionLength > end)
            {
                throw new DnsWireException($"EDNS option {code} of {optionLength} octets runs past the OPT record.");
            }

            if (code == EdnsOptionCodes.Nsid)
            {
                nsid = ImmutableArray.Create(message, offset + 4, optionLength);
            }

            offset += 4 + optionLength;
        }

        return nsid;
    }

    private static string ReadName(DnsDatagramReader reader)
    {
        var value = reader.ReadDnsName().Value;
        return value.EndsWith('.') ? value[..^1] : value;
    }

    private static DnsQuestion? ToQuestion(string name, ushort qclass, ushort qtype)
    {
        try
        {
            return new DnsQuestion(name.Length == 0 ? "." : name, qclass, qtype);
        }
        catch (ArgumentException)
        {
            // A name we could never have asked (binary label, over-long): it cannot match our question.
            return null;
        }
    }

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (DnsWireException)
        {
            throw;
        }
        catch (Exception ex) when (ex is DnsResponseParseException or ArgumentException or IndexOutOfRangeException or InvalidOperationException or OverflowException)
        {
            throw new DnsWireException("The DNS message is malformed: " + ex.Message, ex);
        }
    }
}
