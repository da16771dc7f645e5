namespace Monitor.Probing.Exchange;

/// <summary>How one query/response exchange ended.</summary>
public enum ExchangeStatus
{
    /// <summary>A response matching ID, question and source arrived.</summary>
    Response,

    /// <summary>Nothing matching arrived before the timeout.</summary>
    Timeout,

    /// <summary>The network reported an error (unreachable, refused, reset).</summary>
    NetworkError,
}
