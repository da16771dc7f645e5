namespace Monitor.Probing.Exchange;

/// <summary>How one query/response exchange ended.</summary>
public enum ExchangeStatus
{
    /// <summary>A response matching ID, question and source arrived.</summary>
    Response,

    /// <summary>Nothing matching arrived before the timeout.</summary>
    Timeout,

    /// <summary>The network reported an error (unreachable, refused, reset, a TLS failure, an HTTP error status).</summary>
    NetworkError,

    /// <summary>
    /// The server answered, but not with a response to the query; only where the transport pairs a
    /// reply with its query (an HTTP exchange), so there is nothing else to wait for.
    /// </summary>
    Malformed,
}
