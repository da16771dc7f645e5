using System.Collections.Immutable;
using System.Net;

namespace Monitor.Probing.Wire;

/// <summary>What Monitor reads from a response: head, rcode, TXT and address answers and the NSID option.</summary>
/// <param name="Head">Header and question.</param>
/// <param name="Rcode">The full rcode: the header's 4 bits plus the OPT record's upper 8 (RFC 6891 §6.1.3).</param>
/// <param name="Size">The message size in octets.</param>
/// <param name="TxtAnswers">TXT records of the answer section.</param>
/// <param name="HasOpt">True when the additional section held an OPT record.</param>
/// <param name="Nsid">The NSID option's payload, or null when absent (RFC 5001 §2.3).</param>
public sealed record DnsResponse(
    DnsResponseHead Head,
    int Rcode,
    int Size,
    ImmutableArray<TxtRecord> TxtAnswers,
    bool HasOpt,
    ImmutableArray<byte>? Nsid)
{
    /// <summary>The addresses of the A and AAAA records (class IN) in the answer section, in message order.</summary>
    public ImmutableArray<IPAddress> AddressAnswers { get; init; } = [];

    /// <summary>The AD bit of the header: the resolver validated the answer with DNSSEC (RFC 4035 §3.2.3).</summary>
    public bool AuthenticData { get; init; }

    /// <summary>True when an RRSIG record was in the answer or authority section (RFC 4035 §3.1.1).</summary>
    public bool RrsigSeen { get; init; }

    /// <summary>The serial of the first SOA record in the answer section owned by the question's name; null when none.</summary>
    public uint? SoaSerial { get; init; }
}
