using Npgsql;

using NpgsqlTypes;

namespace Monitor.Storage.Sql;

/// <summary>
/// The lean table on PostgreSQL: binary COPY straight into <c>measurements</c> (PostgreSQL routes each
/// row to its day partition), each value written with its column's type, and a reader of SELECTs of
/// <see cref="LeanColumns.List"/> by typed getters.
/// </summary>
internal static class PostgresRows
{
    private static readonly string CopySql = $"COPY measurements ({LeanColumns.List}) FROM STDIN (FORMAT BINARY)";

    public static async Task<int> CopyAsync(NpgsqlConnection connection, LeanBatch batch, CancellationToken cancellationToken)
    {
        var types = LeanColumns.PostgresTypes;
        var row = new LeanRow();
        await using var importer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < batch.Count; i++)
        {
            // Synchronous writes: they only fill Npgsql's buffer (an await per value cost more than the value).
            batch.Fill(i, row);
            importer.StartRow();
            var values = row.Values;
            var nulls = row.Nulls;
            for (var c = 0; c < LeanColumns.IntegerCount; c++)
            {
                if ((nulls & (1u << c)) != 0)
                {
                    importer.WriteNull();
                    continue;
                }

                var v = values[c];
                switch (types[c])
                {
                    case NpgsqlDbType.Smallint:
                        importer.Write(checked((short)v), NpgsqlDbType.Smallint);
                        break;
                    case NpgsqlDbType.Integer:
                        importer.Write(checked((int)v), NpgsqlDbType.Integer);
                        break;
                    default:
                        importer.Write(v, NpgsqlDbType.Bigint);
                        break;
                }
            }

            if (row.Uid is { } uid)
            {
                importer.Write(uid, NpgsqlDbType.Uuid);
            }
            else
            {
                importer.WriteNull();
            }
        }

        return (int)await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    public static IRowReader Open(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return new Reader(command);
    }

    private sealed class Reader(NpgsqlCommand command) : IRowReader
    {
        private NpgsqlDataReader? _reader;

        public async ValueTask<bool> ReadAsync(LeanRow row, CancellationToken cancellationToken)
        {
            _reader ??= await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
            var r = _reader;
            if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            var types = LeanColumns.PostgresTypes;
            var values = row.Values;
            uint nulls = 0;
            for (var c = 0; c < LeanColumns.IntegerCount; c++)
            {
                if (r.IsDBNull(c))
                {
                    nulls |= 1u << c;
                    continue;
                }

                values[c] = types[c] switch
                {
                    NpgsqlDbType.Smallint => r.GetInt16(c),
                    NpgsqlDbType.Integer => r.GetInt32(c),
                    _ => r.GetInt64(c),
                };
            }

            row.Nulls = nulls;
            row.Uid = r.IsDBNull(LeanColumns.Uid) ? null : r.GetGuid(LeanColumns.Uid);
            return true;
        }

        public async ValueTask DisposeAsync()
        {
            if (_reader is not null)
            {
                await _reader.DisposeAsync().ConfigureAwait(false);
            }

            await command.DisposeAsync().ConfigureAwait(false);
        }
    }
}
