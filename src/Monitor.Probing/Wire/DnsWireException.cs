namespace Monitor.Probing.Wire;

/// <summary>A DNS message could not be read: it is truncated, inconsistent or not DNS at all.</summary>
public sealed class DnsWireException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DnsWireException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public DnsWireException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DnsWireException()
        : base("The DNS message could not be read.")
    {
    }
}
