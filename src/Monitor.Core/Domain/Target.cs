using System.Net;

namespace Monitor.Core.Domain;

/// <summary>A DNS server to probe: where it is, how to ask it, and how to learn which node answered.</summary>
public sealed record Target
{
    private readonly string _id = string.Empty;
    private readonly int _port = 53;
    private readonly TimeSpan? _timeout;

    /// <summary>Creates a target for an address.</summary>
    public Target(string id, IPAddress address)
    {
        Id = id;
        Address = address ?? throw new ArgumentNullException(nameof(address));
    }

    /// <summary>A stable identifier, unique within a target set.</summary>
    public string Id
    {
        get => _id;
        init => _id = string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("A target id must not be empty.", nameof(value))
            : value;
    }

    /// <summary>Who runs it (Cloudflare, K-root, our-dns …); used to group targets.</summary>
    public string Provider { get; init; } = string.Empty;

    /// <summary>The IPv4 or IPv6 address queries are sent to.</summary>
    public IPAddress Address { get; init; }

    /// <summary>The port queries are sent to, 1–65535.</summary>
    public int Port
    {
        get => _port;
        init => _port = value is >= 1 and <= 65535
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A port is 1 to 65535.");
    }

    /// <summary>Anycast or unicast.</summary>
    public TargetKind Kind { get; init; } = TargetKind.Anycast;

    /// <summary>UDP or TCP.</summary>
    public Transport Transport { get; init; } = Transport.Udp;

    /// <summary>The main query, whose RTT is the measurement; <c>id.server CH TXT</c> by default.</summary>
    public DnsQuestion Query { get; init; } = DnsQuestion.IdServer;

    /// <summary>The RD bit; off by default, as authoritative servers expect.</summary>
    public bool RecursionDesired { get; init; }

    /// <summary>How to learn the answering node.</summary>
    public IdentityMethods Identity { get; init; } = IdentityMethods.Nsid | IdentityMethods.IdServer;

    /// <summary>How long one query waits for its answer; null means the prober's default.</summary>
    public TimeSpan? Timeout
    {
        get => _timeout;
        init => _timeout = value is null || value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A timeout must be positive.");
    }

    /// <summary>The address and port as one endpoint.</summary>
    public IPEndPoint EndPoint => new(Address, Port);
}
