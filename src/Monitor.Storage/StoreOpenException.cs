namespace Monitor.Storage;

/// <summary>
/// A database value that names no usable store: a missing file, not a SQLite database, a PostgreSQL
/// that cannot be reached, an unreadable <c>@FILE</c>. The message is one line without secrets.
/// </summary>
public sealed class StoreOpenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreOpenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public StoreOpenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoreOpenException()
    {
    }
}
