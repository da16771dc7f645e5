using System.CommandLine;

namespace Monitor.Cli.Commands;

/// <summary>
/// The <c>--db</c> option of the distributed commands. Credentials stay out of argument lists and
/// logs: the value may be omitted and come from the environment variable <c>MONITOR_DB</c>, or be
/// <c>@FILE</c> to read the connection string from a file (e.g. one only the service user can read).
/// The connection string itself is never printed.
/// </summary>
internal static class DbOption
{
    public const string EnvironmentVariable = "MONITOR_DB";

    public static Option<string?> Create(string description) => new("--db")
    {
        Description = $"{description}; or @FILE to read it from a file; default: ${EnvironmentVariable}",
    };

    public static string Resolve(string? value)
    {
        value ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new BadInputException($"--db: give a database (Host=… or a SQLite path), @FILE, or set {EnvironmentVariable}");
        }

        if (value.StartsWith('@'))
        {
            var path = value[1..];
            try
            {
                value = File.ReadAllText(path).Trim();
            }
            catch (IOException ex)
            {
                throw new BadInputException($"--db: cannot read '{path}' ({ex.Message})", ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new BadInputException($"--db: cannot read '{path}' ({ex.Message})", ex);
            }
        }

        return value;
    }
}
