namespace Monitor.Probing.Exchange;

/// <summary>The result of one exchange: a value for every network outcome, never an exception.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Response">The matching response's octets, when <see cref="ExchangeStatus.Response"/>.</param>
/// <param name="Rtt">Send-to-receive time, when a response arrived.</param>
/// <param name="Discarded">Packets discarded on the way.</param>
/// <param name="Error">A short reason for a network error.</param>
/// <param name="RttSource">Where <paramref name="Rtt"/> ends; <see cref="RttSource.None"/> without one.</param>
public sealed record ExchangeResult(
    ExchangeStatus Status,
    byte[]? Response,
    TimeSpan? Rtt,
    DiscardCounts Discarded,
    string? Error,
    RttSource RttSource = RttSource.None);
