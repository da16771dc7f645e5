using System.Net;
using System.Security.Cryptography.X509Certificates;

using Monitor.Probing.Wire;

namespace Monitor.Probing;

/// <summary>Settings of a <see cref="DnsProber"/>, checked when set.</summary>
public sealed class DnsProberOptions
{
    private TimeSpan _defaultTimeout = TimeSpan.FromSeconds(2);
    private ushort _udpPayloadSize = DnsQueryWriter.DefaultUdpPayloadSize;
    private TimeSpan _resolveEvery = TimeSpan.FromMinutes(10);

    /// <summary>Timeout of a query when its target sets none; 2 s by default.</summary>
    public TimeSpan DefaultTimeout
    {
        get => _defaultTimeout;
        set => _defaultTimeout = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A timeout must be positive.");
    }

    /// <summary>Whether queries carry an OPT record (RFC 6891); on by default. NSID needs it.</summary>
    public bool Edns { get; set; } = true;

    /// <summary>
    /// Whether UDP RTTs end at the kernel's receive stamp of the response (Linux, <c>SIOCGSTAMPNS</c>)
    /// rather than when the receive's continuation runs; on by default. Used only with
    /// <see cref="TimeProvider.System"/> and where the kernel gives stamps; otherwise, and for any
    /// response whose stamp fails its checks, the user-space RTT stands.
    /// </summary>
    public bool KernelTimestamps { get; set; } = true;

    /// <summary>The advertised EDNS UDP payload size, 512–65535; 1232 by default.</summary>
    public ushort UdpPayloadSize
    {
        get => _udpPayloadSize;
        set => _udpPayloadSize = value >= 512
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The EDNS UDP payload size is at least 512.");
    }

    /// <summary>How long a target's host name keeps its address before it is looked up again; 10 minutes by default.</summary>
    public TimeSpan ResolveEvery
    {
        get => _resolveEvery;
        set => _resolveEvery = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The resolve interval must be positive.");
    }

    /// <summary>How host names are looked up; null (the default) is the system resolver. Tests give their own.</summary>
    public Func<string, CancellationToken, Task<IPAddress[]>>? HostNameLookup { get; set; }

    /// <summary>
    /// Roots that TLS and HTTPS certificates may chain to instead of the system's (a lab's own CA);
    /// null (the default) trusts the system's roots. The name is checked either way.
    /// </summary>
    public X509Certificate2Collection? TrustedRoots { get; set; }
}
