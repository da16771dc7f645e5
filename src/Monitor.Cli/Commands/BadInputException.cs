namespace Monitor.Cli.Commands;

/// <summary>Input a command cannot use: reported as one line on stderr with exit code 2.</summary>
public sealed class BadInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BadInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public BadInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public BadInputException()
    {
    }
}
