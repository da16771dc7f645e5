using System.Data;
using System.Data.Common;

using Monitor.Core.Domain;

using Npgsql;

using NpgsqlTypes;

namespace Monitor.Storage.Sql;

/// <summary>
/// Inserts many measurements into PostgreSQL fast: binary COPY into a temporary staging table
/// (per connection, emptied at commit), then one <c>INSERT … SELECT … ON CONFLICT (id) DO NOTHING</c>,
/// so stored ids (and ids repeated within the batch) are skipped exactly as the multi-row INSERT does.
/// </summary>
internal static class PostgresCopy
{
    /// <summary>Below this many rows the multi-row INSERT is as fast and needs no staging table.</summary>
    public const int MinimumRows = 512;

    private const string Staging = "measurements_staging";

    public static async Task<int> InsertAsync(
        NpgsqlConnection connection,
        DbTransaction transaction,
        IReadOnlyList<(string Name, DbType? Type)> columns,
        IReadOnlyList<Measurement> measurements,
        Action<Measurement, object[]> values,
        CancellationToken cancellationToken)
    {
        var names = string.Join(", ", columns.Select(c => c.Name));
        await ExecuteAsync(
            connection,
            transaction,
            $"CREATE TEMP TABLE IF NOT EXISTS {Staging} (LIKE measurements INCLUDING DEFAULTS) ON COMMIT DELETE ROWS",
            cancellationToken).ConfigureAwait(false);

        var types = columns.Select(c => TypeOf(c.Type)).ToArray();
        var row = new object[columns.Count];
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {Staging} ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            foreach (var m in measurements)
            {
                values(m, row);
                importer.StartRow();
                for (var c = 0; c < row.Length; c++)
                {
                    if (row[c] is DBNull)
                    {
                        importer.WriteNull();
                    }
                    else
                    {
                        importer.Write(row[c], types[c]);
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return await ExecuteAsync(
            connection,
            transaction,
            $"INSERT INTO measurements ({names}) SELECT {names} FROM {Staging} ON CONFLICT (id) DO NOTHING",
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = (NpgsqlTransaction)transaction;
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlDbType TypeOf(DbType? type) => type switch
    {
        null => NpgsqlDbType.Uuid,
        DbType.String => NpgsqlDbType.Text,
        DbType.Int64 => NpgsqlDbType.Bigint,
        DbType.Int32 => NpgsqlDbType.Integer,
        DbType.Int16 => NpgsqlDbType.Smallint,
        DbType.Binary => NpgsqlDbType.Bytea,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no COPY type for this column"),
    };
}
