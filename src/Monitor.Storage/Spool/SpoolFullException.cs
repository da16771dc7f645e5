namespace Monitor.Storage.Spool;

/// <summary>The spool has reached its size bound; no further round can be kept safely.</summary>
public sealed class SpoolFullException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SpoolFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SpoolFullException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SpoolFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
