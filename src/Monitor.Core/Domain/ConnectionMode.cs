namespace Monitor.Core.Domain;

/// <summary>
/// How a connection-based transport (TCP, TLS, HTTPS) is timed. UDP has no connection; its
/// measurements carry no mode.
/// </summary>
public enum ConnectionMode
{
    /// <summary>
    /// A new connection for every probe: the TCP connect, the TLS handshake and the query's RTT are
    /// timed apart; the probe's identity queries ride on the same connection, which is closed after.
    /// </summary>
    Fresh,

    /// <summary>
    /// One connection kept open across probes: the RTT is the steady-state query time. When the kept
    /// connection has gone (closed by the server, reset, timed out), the probe opens a new one, counts
    /// it as a reconnect and keeps its connect and TLS times.
    /// </summary>
    Kept,
}
