namespace Monitor.Cli;

/// <summary>The exit codes every subcommand keeps to.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The job ran but nothing answered.</summary>
    public const int NothingAnswered = 1;

    /// <summary>Bad input: arguments, options or configuration.</summary>
    public const int BadInput = 2;
}
