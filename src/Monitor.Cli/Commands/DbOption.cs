using System.CommandLine;

using Monitor.Storage;

namespace Monitor.Cli.Commands;

/// <summary>
/// The <c>--db</c> option of the distributed commands. Credentials stay out of argument lists and
/// logs: the value may be omitted and come from the environment variable <c>MONITOR_DB</c>, or be
/// <c>@FILE</c> to read the connection string from a file (e.g. one only the service user can read).
/// The connection string itself is never printed.
/// </summary>
internal static class DbOption
{
    public static Option<string?> Create(string description) => new("--db")
    {
        Description = $"{description}; or @FILE to read it from a file; default: ${StoreOpener.EnvironmentVariable}",
    };
}
