using Microsoft.Data.Sqlite;

using Monitor.Storage.Sql;

namespace Monitor.Storage;

/// <summary>
/// Opens the store a <c>--db</c> value names: the value itself, <c>@FILE</c> (the connection string
/// read from a file, e.g. one only the service user can read) or, when none is given, the environment
/// variable <c>MONITOR_DB</c>. An Npgsql connection string (<c>Host=…</c>) means
/// PostgreSQL, anything else is the path of a SQLite file. A PostgreSQL that cannot be reached
/// is a <see cref="StoreOpenException"/> with one line naming host, port and database; the connection string is never printed,
/// since it may hold a password, and <see cref="Redact"/> removes the password from any message.
/// </summary>
public static class StoreOpener
{
    /// <summary>The environment variable that names the database when no value is given.</summary>
    public const string EnvironmentVariable = "MONITOR_DB";

    /// <summary>True when the value is a PostgreSQL connection string.</summary>
    public static bool IsPostgres(string db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Contains("Host=", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The database a value names: the value, the contents of the file after <c>@</c>, or
    /// <see cref="EnvironmentVariable"/> when the value is null.
    /// </summary>
    /// <exception cref="StoreOpenException">No value and no variable, or the file cannot be read.</exception>
    public static string Resolve(string? value)
    {
        value ??= Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new StoreOpenException($"give a database (Host=… or a SQLite path), @FILE, or set {EnvironmentVariable}");
        }

        if (!value.StartsWith('@'))
        {
            return value;
        }

        var path = value[1..];
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreOpenException($"cannot read '{path}' ({ex.Message})", ex);
        }
    }

    /// <summary>Opens (and migrates) the store.</summary>
    /// <param name="db">The <c>--db</c> value.</param>
    /// <param name="mustExist">For read commands: a missing SQLite file is bad input, not an empty database.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <exception cref="StoreOpenException">The value names no usable database.</exception>
    public static async Task<IMeasurementStore> OpenAsync(string db, bool mustExist, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (IsPostgres(db))
        {
            PostgresDialect dialect;
            try
            {
                dialect = new PostgresDialect(db);
            }
            catch (ArgumentException ex)
            {
                throw new StoreOpenException($"not a usable PostgreSQL connection string ({Redact(ex.Message, db)})", ex);
            }

            try
            {
                return await SqlMeasurementStore.OpenAsync(dialect, time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
            {
                // Npgsql's messages name host, port and user, never the password; redact it anyway.
                throw new StoreOpenException($"cannot use the {dialect.Describe()}: {Redact(ex.Message, db)}", ex);
            }
        }

        if (mustExist && !File.Exists(db))
        {
            throw new StoreOpenException($"no database at '{db}'");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(db));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new StoreOpenException($"the directory '{directory}' does not exist");
        }

        try
        {
            return await SqlMeasurementStore.OpenAsync(new SqliteDialect(db), time, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 /* SQLITE_NOTADB */ or 14 /* SQLITE_CANTOPEN */)
        {
            throw new StoreOpenException($"'{db}' is not a usable SQLite database ({ex.Message})", ex);
        }
    }

    /// <summary>
    /// <paramref name="message"/> with the password of <paramref name="db"/> (and the whole
    /// connection string) replaced by <c>***</c>, for errors and logs.
    /// </summary>
    public static string Redact(string message, string db)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(db);
        if (db.Length > 0)
        {
            message = message.Replace(db, "***", StringComparison.Ordinal);
        }

        foreach (var part in db.Split(';'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals].Trim().Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant() is "PASSWORD" or "PASSWD" or "PWD")
            {
                var secret = part[(equals + 1)..].Trim().Trim('\'', '"');
                if (secret.Length > 0)
                {
                    message = message.Replace(secret, "***", StringComparison.Ordinal);
                }
            }
        }

        return message;
    }
}
