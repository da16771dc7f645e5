namespace Monitor.Core.Domain;

/// <summary>What became of one probe. A failure of the network is a value, not an exception.</summary>
public enum ProbeOutcome
{
    /// <summary>A response matching the query's ID, question and source came back (any rcode).</summary>
    Answered,

    /// <summary>No matching response came back in time.</summary>
    Timeout,

    /// <summary>The network refused or could not carry the query (ICMP unreachable, connection refused or reset).</summary>
    NetworkError,

    /// <summary>The server answered with something that could not be read as a DNS response.</summary>
    Malformed,
}
