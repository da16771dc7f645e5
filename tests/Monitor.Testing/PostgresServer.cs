using System.Diagnostics;
using System.Globalization;

using Npgsql;

namespace Monitor.Testing;

/// <summary>
/// A real PostgreSQL (Debian package postgresql) started by the tests: initdb into a temporary
/// directory as the postgres user, listening on 127.0.0.1 at a free port and on a unix socket in
/// that directory (which also reaches it from inside network namespaces). Trust authentication,
/// fsync off: a test server, never a deployment.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private readonly string _directory;
    private int _databases;

    private PostgresServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The directory holding the unix socket.</summary>
    public string SocketDirectory => _directory;

    /// <summary>A connection string to the maintenance database over TCP.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    /// <summary>Initialises and starts a server; skips (or fails under CI) when PostgreSQL is missing or we are not root.</summary>
    public static PostgresServer Start()
    {
        Requires.Executable(Path.Combine(BinDirectory, "initdb"), "postgresql");
        if (Environment.UserName != "root")
        {
            var message = "PostgreSQL tests run initdb as the postgres user and need root (runuser).";
            if (Requires.InCi)
            {
                Assert.Fail(message);
            }

            Assert.Skip(message);
        }

        var directory = Directory.CreateTempSubdirectory("monitor-pg-").FullName;
        Run("chown", "postgres:postgres", directory);
        Run("runuser", "-u", "postgres", "--", Path.Combine(BinDirectory, "initdb"), "-D", Path.Combine(directory, "data"), "-A", "trust", "-U", "postgres", "--no-sync");
        var server = new PostgresServer(directory, NsdServer.FreePort());
        server.StartServer();
        return server;
    }

    /// <summary>A connection string to a new, empty database, over TCP or the unix socket.</summary>
    public string CreateDatabase(bool unixSocket = false)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"monitor_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}");
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }

        return unixSocket
            ? $"Host={_directory};Port={Port};Username=postgres;Database={name}"
            : $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name}";
    }

    /// <summary>
    /// A connection string over TCP for a new login role that must give <paramref name="password"/>
    /// (SCRAM, ahead of the trust rules), to a new database it owns.
    /// </summary>
    public string CreatePasswordUser(string user, string password)
    {
        var database = CreateDatabase().Split(';').Single(p => p.StartsWith("Database=", StringComparison.Ordinal))["Database=".Length..];
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SET password_encryption = 'scram-sha-256'; CREATE ROLE {user} LOGIN PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'; ALTER DATABASE {database} OWNER TO {user}";
            command.ExecuteNonQuery();
        }

        var hba = Path.Combine(_directory, "data", "pg_hba.conf");
        File.WriteAllText(hba, $"host all {user} 127.0.0.1/32 scram-sha-256\n" + File.ReadAllText(hba));
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT pg_reload_conf()";
            command.ExecuteNonQuery();
        }

        // The postmaster rereads pg_hba.conf on SIGHUP, shortly after: wait until a wrong password is refused.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username={user};Password=not-{password};Database={database};Pooling=false");
                probe.Open();
            }
            catch (PostgresException ex) when (ex.SqlState == "28P01")
            {
                break;
            }

            if (attempt == 100)
            {
                throw new InvalidOperationException("PostgreSQL did not start asking for the password");
            }

            Thread.Sleep(100);
        }
        return $"Host=127.0.0.1;Port={Port};Username={user};Password={password};Database={database};Pooling=false";
    }

    /// <summary>Stops the server (fast shutdown: open connections are cut).</summary>
    public void Stop() => Run("runuser", "-u", "postgres", "--", Path.Combine(BinDirectory, "pg_ctl"), "-D", Path.Combine(_directory, "data"), "-m", "fast", "-w", "stop");

    /// <summary>Starts the stopped server again on the same port and socket.</summary>
    public void StartServer() => Run(
        "runuser", "-u", "postgres", "--", Path.Combine(BinDirectory, "pg_ctl"), "-D", Path.Combine(_directory, "data"), "-l", Path.Combine(_directory, "server.log"), "-w",
        "-o", $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories={_directory} -c fsync=off -c max_connections=200", "start");

    public void Dispose()
    {
        try
        {
            Stop();
        }
        catch (InvalidOperationException)
        {
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} did not finish in 60 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {output.Result}{error.Result}");
        }
    }
}
