namespace Monitor.Probing.Exchange;

/// <summary>The result of one exchange: a value for every network outcome, never an exception.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Response">The matching response's octets, when <see cref="ExchangeStatus.Response"/>.</param>
/// <param name="Rtt">Send-to-receive time, when a response arrived.</param>
/// <param name="Discarded">Packets discarded on the way.</param>
/// <param name="Error">A short reason for a network error or a malformed reply.</param>
/// <param name="RttSource">Where <paramref name="Rtt"/> ends; <see cref="RttSource.None"/> without one.</param>
public sealed record ExchangeResult(
    ExchangeStatus Status,
    byte[]? Response,
    TimeSpan? Rtt,
    DiscardCounts Discarded,
    string? Error,
    RttSource RttSource = RttSource.None)
{
    /// <summary>When the exchange opened a connection (TCP, TLS, HTTPS): the TCP connect's duration.</summary>
    public TimeSpan? ConnectTime { get; init; }

    /// <summary>When the exchange opened a TLS or HTTPS connection: the TLS handshake's duration.</summary>
    public TimeSpan? TlsTime { get; init; }

    /// <summary>True when the exchange opened a kept connection again (it had gone since its last use).</summary>
    public bool Reconnected { get; init; }

    /// <summary>For HTTPS: the HTTP version of the response, e.g. 2.0 or 1.1.</summary>
    public Version? HttpVersion { get; init; }
}
