using System.CommandLine;

using Monitor.Storage;

namespace Monitor.Cli.Commands;

/// <summary>
/// The <c>--db</c> option, the same on every command that takes it: a SQLite file path, a PostgreSQL
/// connection string (<c>Host=…</c>), <c>@FILE</c> to read either from a file (e.g. one only the
/// service user can read), or, when the option is left out, the environment variable
/// <c>MONITOR_DB</c>. Credentials so stay out of argument lists; the connection string is never printed.
/// </summary>
internal static class DbOption
{
    /// <summary>What every <c>--db</c> help says, before the default.</summary>
    public const string Help = "The database: a SQLite file path or a PostgreSQL connection string (Host=…), or @FILE to read it from a file";

    /// <summary>The option; <paramref name="fallback"/> names the database used when neither it nor MONITOR_DB is given.</summary>
    public static Option<string?> Create(string? fallback = null) => new("--db")
    {
        Description = fallback is null
            ? $"{Help}; default: ${StoreOpener.EnvironmentVariable}"
            : $"{Help}; default: ${StoreOpener.EnvironmentVariable}, else {fallback}",
    };

    /// <summary>The database the parsed option names: its value, the file after <c>@</c>, MONITOR_DB, else <paramref name="fallback"/>.</summary>
    /// <exception cref="StoreOpenException">None of them is given, or the file cannot be read.</exception>
    public static string Resolve(ParseResult parse, Option<string?> option, string? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var value = parse.GetValue(option);
        if (value is null && fallback is not null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(StoreOpener.EnvironmentVariable)))
        {
            value = fallback;
        }

        return StoreOpener.Resolve(value);
    }
}
