using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;

using Monitor.Cli.Commands;

using Monitor.Storage;

namespace Monitor.Cli.Distributed;

/// <summary>
/// Hangfire's job storage for a <c>--db</c> value: PostgreSQL (Hangfire.PostgreSql, schema
/// <c>hangfire</c>) beside the results, or a SQLite file next to a SQLite results file. Both poll
/// their queues every 200 ms instead of Hangfire's 15 s default.
/// </summary>
internal static class JobStorageFactory
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static JobStorage Create(string db)
    {
        if (StoreOpener.IsPostgres(db))
        {
            var options = new PostgreSqlStorageOptions
            {
                QueuePollInterval = PollInterval,
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(db, options), options);
        }

        return new SQLiteStorage(db + ".hangfire", new SQLiteStorageOptions { QueuePollInterval = PollInterval });
    }
}
