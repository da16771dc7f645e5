namespace Monitor.Probing.Atlas;

/// <summary>
/// The input is not Atlas DNS result data at all (another JSON, a ping result file, a CSV, the probe
/// archive): the whole file is refused before anything from it is handed out. The message is one line
/// saying why, without the file's name (the caller adds it).
/// </summary>
public sealed class AtlasFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AtlasFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public AtlasFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AtlasFormatException()
        : base("The input is not RIPE Atlas DNS result data.")
    {
    }
}
