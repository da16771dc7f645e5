namespace Monitor.Testing.Lab;

/// <summary>How <see cref="AnycastLab.StopDnsAsync"/> takes a site's DNS down.</summary>
public enum DnsStopMode
{
    /// <summary>Queries are dropped silently (nftables): the site is a black hole, probes time out.</summary>
    Drop,

    /// <summary>NSD is stopped: the kernel answers ICMP port unreachable (TCP: reset) at once.</summary>
    Refuse,
}
