using System.Net;

namespace Monitor.Core.Domain;

/// <summary>A DNS server to probe: where it is, how to ask it, and how to learn which node answered.</summary>
public sealed record Target
{
    private readonly string _id = string.Empty;
    private readonly int _port = 53;
    private static readonly ValueList<TargetSite> NoSites = new([]);
    private readonly TimeSpan? _timeout;
    private readonly ValueList<TargetSite> _sites = NoSites;

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

    /// <summary>The target's sites on their own unicast addresses, probed besides the target itself; empty when unknown.</summary>
    /// <exception cref="ArgumentException">Two sites share an id.</exception>
    public IReadOnlyList<TargetSite> Sites
    {
        get => _sites;
        init => _sites = value is null ? NoSites
            : value.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count() != value.Count
                ? throw new ArgumentException("Site ids must be unique within a target.", nameof(value))
                : value as ValueList<TargetSite> ?? new ValueList<TargetSite>(value);
    }

    /// <summary>True when the main query asks for addresses (A or AAAA), whose answers can steer by location (GeoDNS).</summary>
    public bool AsksForAddresses => Query.QType is DnsTypes.A or DnsTypes.AAAA;

    /// <summary>
    /// Queries one probe may send: the main query, plus <c>id.server</c> and <c>hostname.bind</c> when
    /// asked for and the main query is not already that question (NSID rides on the main query).
    /// </summary>
    public int QueriesPerProbe =>
        1 + (Identity.HasFlag(IdentityMethods.IdServer) && !Query.Equals(DnsQuestion.IdServer) ? 1 : 0) +
        (Identity.HasFlag(IdentityMethods.HostnameBind) && !Query.Equals(DnsQuestion.HostnameBind) ? 1 : 0);

    /// <summary>The address and port as one endpoint.</summary>
    public IPEndPoint EndPoint => new(Address, Port);
}
