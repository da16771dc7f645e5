using Monitor.Testing;

namespace Monitor.Cli.Tests;

/// <summary>One real PostgreSQL for a test class, started the first time a test asks for it.</summary>
public sealed class PostgresFixture : IDisposable
{
    private PostgresServer? _postgres;

    /// <summary>The server (started on first use; skipped or failed as <see cref="PostgresServer.Start"/> decides when PostgreSQL is missing).</summary>
    public PostgresServer Postgres => _postgres ??= PostgresServer.Start();

    /// <inheritdoc />
    public void Dispose() => _postgres?.Dispose();
}
