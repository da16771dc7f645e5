using System.Buffers.Binary;
using System.Text;

using Monitor.Core.Domain;

namespace Monitor.Testing;

/// <summary>
/// Builds DNS messages octet by octet for tests, including broken ones: every count and length can be
/// overridden, owner names can be compression pointers. Independent of the code under test.
/// </summary>
public sealed class DnsMessageBuilder
{
    private readonly List<(string Name, ushort QType, ushort QClass)> _questions = [];
    private readonly List<byte[]> _answers = [];
    private readonly List<byte[]> _additionals = [];
    private ushort _id;
    private ushort _flags = 0x8000; // QR set: a response
    private int? _qdCount;
    private int? _anCount;
    private int? _arCount;
    private byte[] _trailing = [];

    public DnsMessageBuilder Id(ushort id)
    {
        _id = id;
        return this;
    }

    public DnsMessageBuilder Flags(ushort flags)
    {
        _flags = flags;
        return this;
    }

    public DnsMessageBuilder Rcode(int rcode)
    {
        _flags = (ushort)((_flags & 0xFFF0) | (rcode & 0xF));
        return this;
    }

    public DnsMessageBuilder Truncated()
    {
        _flags |= 0x0200;
        return this;
    }

    public DnsMessageBuilder Question(string name, ushort qclass, ushort qtype)
    {
        _questions.Add((name, qtype, qclass));
        return this;
    }

    public DnsMessageBuilder Question(DnsQuestion question) => Question(question.Name, question.QClass, question.QType);

    /// <summary>A TXT answer; with <paramref name="ownerPointer"/> the owner is a pointer to that offset.</summary>
    public DnsMessageBuilder Txt(string owner, ushort rrClass, IEnumerable<byte[]> strings, int? ownerPointer = null)
    {
        var rdata = new List<byte>();
        foreach (var s in strings)
        {
            rdata.Add((byte)s.Length);
            rdata.AddRange(s);
        }

        _answers.Add(Record(ownerPointer is { } p ? Pointer(p) : Name(owner), DnsTypes.TXT, rrClass, 0, [.. rdata]));
        return this;
    }

    public DnsMessageBuilder Txt(string owner, ushort rrClass, params string[] strings) =>
        Txt(owner, rrClass, strings.Select(Encoding.ASCII.GetBytes));

    /// <summary>Any answer record with raw RDATA.</summary>
    public DnsMessageBuilder Answer(string owner, ushort type, ushort rrClass, byte[] rdata, int? declaredLength = null)
    {
        _answers.Add(Record(Name(owner), type, rrClass, 0, rdata, declaredLength));
        return this;
    }

    /// <summary>An OPT record with the given options (code, payload); <paramref name="extendedRcode"/> is the upper 8 bits.</summary>
    public DnsMessageBuilder Opt(IEnumerable<(ushort Code, byte[] Data)> options, byte extendedRcode = 0, string owner = "")
    {
        var rdata = new List<byte>();
        foreach (var (code, data) in options)
        {
            rdata.Add((byte)(code >> 8));
            rdata.Add((byte)code);
            rdata.Add((byte)(data.Length >> 8));
            rdata.Add((byte)data.Length);
            rdata.AddRange(data);
        }

        _additionals.Add(Record(Name(owner), DnsTypes.OPT, 1232, (uint)extendedRcode << 24, [.. rdata]));
        return this;
    }

    public DnsMessageBuilder Nsid(byte[] nsid) => Opt([(3, nsid)]);

    public DnsMessageBuilder Nsid(string nsid) => Nsid(Encoding.ASCII.GetBytes(nsid));

    /// <summary>Raw additional-section octets (for broken OPT records).</summary>
    public DnsMessageBuilder RawAdditional(byte[] record)
    {
        _additionals.Add(record);
        return this;
    }

    public DnsMessageBuilder Counts(int? qd = null, int? an = null, int? ar = null)
    {
        _qdCount = qd;
        _anCount = an;
        _arCount = ar;
        return this;
    }

    public DnsMessageBuilder Trailing(byte[] octets)
    {
        _trailing = octets;
        return this;
    }

    public byte[] Build()
    {
        var message = new List<byte>();
        var header = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(header, _id);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), _flags);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)(_qdCount ?? _questions.Count));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), (ushort)(_anCount ?? _answers.Count));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(8), 0);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), (ushort)(_arCount ?? _additionals.Count));
        message.AddRange(header);
        foreach (var (name, qtype, qclass) in _questions)
        {
            message.AddRange(Name(name));
            message.Add((byte)(qtype >> 8));
            message.Add((byte)qtype);
            message.Add((byte)(qclass >> 8));
            message.Add((byte)qclass);
        }

        _answers.ForEach(message.AddRange);
        _additionals.ForEach(message.AddRange);
        message.AddRange(_trailing);
        return [.. message];
    }

    /// <summary>A response to <paramref name="query"/>: same ID and question.</summary>
    public static DnsMessageBuilder ResponseTo(ParsedQuery query) =>
        new DnsMessageBuilder().Id(query.Id).Question(query.Name, query.QClass, query.QType);

    public static byte[] Name(string name)
    {
        var octets = new List<byte>();
        foreach (var label in name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            octets.Add((byte)label.Length);
            octets.AddRange(Encoding.ASCII.GetBytes(label));
        }

        octets.Add(0);
        return [.. octets];
    }

    private static byte[] Pointer(int offset) => [(byte)(0xC0 | (offset >> 8)), (byte)offset];

    private static byte[] Record(byte[] owner, ushort type, ushort rrClass, uint ttl, byte[] rdata, int? declaredLength = null)
    {
        var record = new byte[owner.Length + 10 + rdata.Length];
        owner.CopyTo(record, 0);
        var o = owner.Length;
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(o), type);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(o + 2), rrClass);
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(o + 4), ttl);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(o + 8), (ushort)(declaredLength ?? rdata.Length));
        rdata.CopyTo(record, o + 10);
        return record;
    }
}
