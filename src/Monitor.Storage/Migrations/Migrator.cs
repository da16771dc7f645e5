using System.Data.Common;

using Dapper;

using Monitor.Storage.Sql;

namespace Monitor.Storage.Migrations;

/// <summary>
/// Applies missing migrations, each in its own transaction under the dialect's migration lock, so
/// that many processes opening one database at once apply each step exactly once.
/// </summary>
public static class Migrator
{
    /// <summary>Brings the schema up to date; returns the versions applied now.</summary>
    public static Task<IReadOnlyList<int>> MigrateAsync(SqlDialect dialect, DbConnection connection, TimeProvider time, CancellationToken cancellationToken) =>
        MigrateAsync(dialect, connection, time, int.MaxValue, cancellationToken);

    /// <summary>Applies the missing migrations up to version <paramref name="upTo"/> (tests make old schemas with it); returns the versions applied now.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(SqlDialect dialect, DbConnection connection, TimeProvider time, int upTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(time);
        // Under the migration lock too: on PostgreSQL two concurrent CREATE TABLE IF NOT EXISTS can
        // both miss the table and one then fails on the catalogue's unique index.
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await dialect.LockForMigrationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_us BIGINT NOT NULL)",
                transaction: transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var applied = new List<int>();
        foreach (var migration in Migration.For(dialect.Name).Where(m => m.Version <= upTo))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await dialect.LockForMigrationAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var done = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @version",
                new { version = migration.Version },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (done > 0)
            {
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(dialect.Render(migration.Sql), transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (migration.Version == Rollups.Version)
            {
                // Code step: the hourly rollups of the rows stored already, in the migration's transaction.
                await Rollups.BackfillAsync(dialect, connection, transaction, cancellationToken).ConfigureAwait(false);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_us) VALUES (@version, @name, @applied)",
                new { version = migration.Version, name = migration.Name, applied = UnixTime.ToMicroseconds(time.GetUtcNow()) },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(migration.Version);
        }

        return applied;
    }
}
