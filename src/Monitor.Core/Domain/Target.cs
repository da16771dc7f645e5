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
    private readonly ushort? _ednsSize;
    private readonly string? _hostName;
    private readonly Uri? _url;

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

    /// <summary>UDP, TCP, TLS (DoT) or HTTPS (DoH).</summary>
    public Transport Transport { get; init; } = Transport.Udp;

    /// <summary>
    /// For TCP, TLS and HTTPS: a new connection per probe (connect, TLS and query timed apart) or one
    /// kept across probes (steady-state RTT). Ignored for UDP.
    /// </summary>
    public ConnectionMode Connection { get; init; } = ConnectionMode.Fresh;

    /// <summary>
    /// For TLS and HTTPS: the name sent in SNI and required in the server's certificate; null means the
    /// host of <see cref="Url"/>, else <see cref="HostName"/>, else the address itself (an IP address
    /// certificate).
    /// </summary>
    public string? TlsName { get; init; }

    /// <summary>For TLS and HTTPS: accept any certificate (labs only); validation is on by default.</summary>
    public bool TlsInsecure { get; init; }

    /// <summary>
    /// For HTTPS: the DoH URI template without variables, e.g. <c>https://dns.example/dns-query</c>
    /// (RFC 8484 §3); null means <c>https://ADDRESS:PORT/dns-query</c>. The connection always goes to
    /// <see cref="Address"/> and <see cref="Port"/>: the URL's host is never looked up.
    /// </summary>
    /// <exception cref="ArgumentException">The URL is not absolute <c>https</c>.</exception>
    public Uri? Url
    {
        get => _url;
        init => _url = value is null || (value.IsAbsoluteUri && value.Scheme == Uri.UriSchemeHttps)
            ? value
            : throw new ArgumentException($"A DoH URL is an absolute https URL (got '{value}').", nameof(value));
    }

    /// <summary>For HTTPS: POST (the default) or GET.</summary>
    public DohMethod DohMethod { get; init; } = DohMethod.Post;

    /// <summary>
    /// For HTTPS: the HTTP version required, 2.0 or 1.1; null (the default) asks for HTTP/2 and
    /// accepts HTTP/1.1 when the server's ALPN offers only that.
    /// </summary>
    public Version? HttpVersion { get; init; }

    /// <summary>Whether queries carry an OPT record (RFC 6891); on by default. NSID and DNSSEC need it.</summary>
    public bool Edns { get; init; } = true;

    /// <summary>The advertised EDNS UDP payload size, at least 512; null means the prober's default.</summary>
    public ushort? EdnsSize
    {
        get => _ednsSize;
        init => _ednsSize = value is null or >= 512
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The EDNS UDP payload size is at least 512 (RFC 6891 §6.2.5).");
    }

    /// <summary>Set the DO bit (RFC 3225) and record the AD bit and whether RRSIGs came back.</summary>
    public bool Dnssec { get; init; }

    /// <summary>
    /// A host name to probe instead of <see cref="Address"/>: resolved through the system resolver
    /// when probing starts and again at the prober's interval; the address used is kept with each
    /// measurement. <see cref="Address"/> is then only a placeholder. Null for an address literal.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty, has whitespace, or is an address literal.</exception>
    public string? HostName
    {
        get => _hostName;
        init => _hostName = value is null || (value.Length is > 0 and <= 253 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) && !IPAddress.TryParse(value, out _))
            ? value
            : throw new ArgumentException($"'{value}' is not a host name.", nameof(value));
    }

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
