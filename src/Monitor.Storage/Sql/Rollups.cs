using System.Data.Common;
using System.Globalization;
using System.Text;

using Monitor.Core.Analysis.Latency;
using Monitor.Core.Domain;

namespace Monitor.Storage.Sql;

/// <summary>
/// The hourly rollups of <c>series_hours</c> (migration 0007): merged on ingest in the write's
/// transaction (each touched row written once, merged in memory with the writer's copy of it when the
/// stored one is as the writer left it, else read and merged), filled from the stored rows when the
/// migration runs, and read.
/// </summary>
internal static class Rollups
{
    /// <summary>The migration whose code step is <see cref="BackfillAsync"/>.</summary>
    public const int Version = 7;

    private const int Chunk = 500;

    /// <summary>
    /// Adds the counts of <paramref name="deltas"/> (a batch's rows) to their rows, in <paramref name="transaction"/>,
    /// each row written once. A row this writer wrote last (kept in <paramref name="open"/>) is merged in memory
    /// and written only if the stored one still has the counts it left (else another writer added to it, and it
    /// is read and merged like a row not kept); so a row is never overwritten with counts that miss another's.
    /// </summary>
    /// <remarks>
    /// SQLite holds one writer at a time (the transaction has the write lock), so each kept row is written by a
    /// compare-and-set UPDATE, one prepared statement stepped per row. PostgreSQL writers run at once, so the
    /// rows are locked first, in key order (a chunk at a time: no two writers wait on each other in a circle),
    /// and their counts read under the lock.
    /// </remarks>
    public static async Task MergeAsync(SqlDialect dialect, DbConnection connection, DbTransaction transaction, Dictionary<RollupKey, HourRollup> deltas, OpenHours open, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0)
        {
            return;
        }

        var keys = deltas.Keys.ToArray();
        Array.Sort(keys);
        if (dialect is SqliteDialect)
        {
            var missed = SqliteRollups.WriteKept((Microsoft.Data.Sqlite.SqliteConnection)connection, keys, deltas, open);
            if (missed.Count > 0)
            {
                await MergeStoredAsync(connection, transaction, missed, dialect.LockRowsSql, cancellationToken).ConfigureAwait(false);
                foreach (var (key, rollup) in missed)
                {
                    open.Keep(key, rollup);
                }
            }

            return;
        }

        for (var start = 0; start < keys.Length; start += Chunk)
        {
            var chunk = keys.AsSpan(start, Math.Min(Chunk, keys.Length - start)).ToArray();
            await MergeLockedAsync(dialect, connection, transaction, chunk, deltas, open, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One chunk (in key order) on a database of concurrent writers: lock, compare, merge, write.</summary>
    private static async Task MergeLockedAsync(SqlDialect dialect, DbConnection connection, DbTransaction transaction, RollupKey[] chunk, Dictionary<RollupKey, HourRollup> deltas, OpenHours open, CancellationToken cancellationToken)
    {
        await InsertMissingAsync(connection, transaction, chunk, cancellationToken).ConfigureAwait(false);
        var kept = new Dictionary<RollupKey, HourRollup>();
        foreach (var key in chunk)
        {
            if (open.Take(key) is { } rollup)
            {
                kept[key] = rollup;
            }
        }

        // The counts only (no histogram): a row as this writer left it needs nothing else.
        var stored = new Dictionary<RollupKey, (long Probes, long Answered)>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"SELECT series_id, hour_us, kind, probes, answered FROM series_hours{Where(chunk)} ORDER BY series_id, hour_us, kind{dialect.LockRowsSql}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stored[ReadKey(reader)] = (reader.GetInt64(3), reader.GetInt64(4));
            }
        }

        var merged = new Dictionary<RollupKey, HourRollup>();
        var missed = new Dictionary<RollupKey, HourRollup>();
        foreach (var key in chunk)
        {
            var counts = stored.GetValueOrDefault(key);
            if (kept.TryGetValue(key, out var rollup) && counts == (rollup.Probes, rollup.Answered))
            {
                rollup.Add(deltas[key]);
                merged[key] = rollup;
            }
            else if (counts == (0, 0))
            {
                merged[key] = deltas[key]; // a row just made (or empty): the batch's counts are the row
            }
            else
            {
                missed[key] = deltas[key];
            }
        }

        if (missed.Count > 0)
        {
            await ReadIntoAsync(connection, transaction, missed, string.Empty, cancellationToken).ConfigureAwait(false);
            foreach (var (key, rollup) in missed)
            {
                merged[key] = rollup;
            }
        }

        await UpsertAsync(connection, transaction, chunk, merged, cancellationToken).ConfigureAwait(false);
        foreach (var (key, rollup) in merged)
        {
            open.Keep(key, rollup);
        }
    }

    /// <summary>Adds the stored counts of each row to <paramref name="rollups"/> and writes the sums (rows read, merged and written again).</summary>
    private static async Task MergeStoredAsync(DbConnection connection, DbTransaction transaction, Dictionary<RollupKey, HourRollup> rollups, string lockRowsSql, CancellationToken cancellationToken)
    {
        // In key order, so that writers locking overlapping rows lock them in one order.
        var keys = rollups.Keys.Order().ToList();
        for (var start = 0; start < keys.Count; start += Chunk)
        {
            var chunk = keys.GetRange(start, Math.Min(Chunk, keys.Count - start)).ToArray();
            var part = chunk.ToDictionary(k => k, k => rollups[k]);
            await InsertMissingAsync(connection, transaction, chunk, cancellationToken).ConfigureAwait(false);
            await ReadIntoAsync(connection, transaction, part, lockRowsSql, cancellationToken).ConfigureAwait(false);
            await UpsertAsync(connection, transaction, chunk, part, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Makes an empty row for each key that has none (so that each one can be locked).</summary>
    private static Task InsertMissingAsync(DbConnection connection, DbTransaction transaction, RollupKey[] chunk, CancellationToken cancellationToken)
    {
        var values = string.Join(", ", chunk.Select(k => Invariant($"({k.Series}, {k.HourUs}, {k.Kind}, 0, 0)")));
        return ExecuteAsync(connection, transaction, $"INSERT INTO series_hours (series_id, hour_us, kind, probes, answered) VALUES {values} ON CONFLICT (series_id, hour_us, kind) DO NOTHING", cancellationToken);
    }

    private static string Where(IReadOnlyCollection<RollupKey> keys) =>
        $" WHERE series_id IN ({string.Join(", ", keys.Select(k => k.Series).Distinct().Select(Invariant))}) AND hour_us IN ({string.Join(", ", keys.Select(k => k.HourUs).Distinct().Select(Invariant))})";

    /// <summary>Adds the stored counts of the rows of <paramref name="rollups"/>' keys to them.</summary>
    private static async Task ReadIntoAsync(DbConnection connection, DbTransaction transaction, Dictionary<RollupKey, HourRollup> rollups, string lockRowsSql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT series_id, hour_us, kind, probes, answered, sites, rtt FROM series_hours{Where(rollups.Keys)} ORDER BY series_id, hour_us, kind{lockRowsSql}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (rollups.TryGetValue(ReadKey(reader), out var rollup))
            {
                rollup.Merge(reader.GetInt64(3), reader.GetInt64(4), Bytes(reader, 5), Bytes(reader, 6));
            }
        }
    }

    /// <summary>Writes the rows of <paramref name="chunk"/> whole, each found by its key.</summary>
    private static async Task UpsertAsync(DbConnection connection, DbTransaction transaction, RollupKey[] chunk, Dictionary<RollupKey, HourRollup> rollups, CancellationToken cancellationToken)
    {
        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        var rows = new StringBuilder();
        for (var i = 0; i < chunk.Length; i++)
        {
            var k = chunk[i];
            var r = rollups[k];
            rows.Append(i == 0 ? string.Empty : ", ").Append(Invariant($"({k.Series}, {k.HourUs}, {k.Kind}, {r.Probes}, {r.Answered}, @s{i}, @r{i})"));
            Add(update, Invariant($"@s{i}"), r.EncodeSites());
            Add(update, Invariant($"@r{i}"), r.EncodeRtt());
        }

        // An upsert, not UPDATE … FROM (VALUES …): each row is found by the key, never by a scan of the table.
        update.CommandText =
            $"INSERT INTO series_hours (series_id, hour_us, kind, probes, answered, sites, rtt) VALUES {rows} " +
            "ON CONFLICT (series_id, hour_us, kind) DO UPDATE SET probes = excluded.probes, answered = excluded.answered, sites = excluded.sites, rtt = excluded.rtt";
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fills <c>series_hours</c> from the rows stored, series by series (the migration's code step).</summary>
    public static async Task BackfillAsync(SqlDialect dialect, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var series = new List<int>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT id FROM series ORDER BY id";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                series.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            }
        }

        foreach (var id in series)
        {
            var rollups = new Dictionary<RollupKey, HourRollup>();
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = Invariant($"SELECT started_us, kind, outcome, rtt_us, id_server, hostname_bind, nsid, site FROM measurements WHERE series_id = {id}");
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var key = new RollupKey(id, RollupKey.HourOf(reader.GetInt64(0)), (short)Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture));
                    if (!rollups.TryGetValue(key, out var rollup))
                    {
                        rollup = new HourRollup();
                        rollups[key] = rollup;
                    }

                    var answered = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture) == (int)ProbeOutcome.Answered;
                    long? rtt = reader.IsDBNull(3) ? null : reader.GetInt64(3);
                    rollup.Add(answered, rtt, new SiteKey(Number(reader, 4), Number(reader, 5), Number(reader, 6), Number(reader, 7)));
                }
            }

            if (rollups.Count > 0)
            {
                await MergeStoredAsync(connection, transaction, rollups, dialect.LockRowsSql, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The rollups of the hours that start in the window of <paramref name="query"/>, in series order, then hour and kind.</summary>
    public static async Task<IReadOnlyList<SeriesHour>> ReadAsync(SqlDialect dialect, MeasurementQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await dialect.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var keys = await ReadKeys.LoadAsync(connection, transaction, rounds: false, cancellationToken).ConfigureAwait(false);
        var series = keys.SeriesOf(query);
        if (series.Count == 0)
        {
            return [];
        }

        var where = new StringBuilder(" WHERE 1 = 1");
        if (query.VantageId is not null || query.TargetId is not null)
        {
            where.Append(" AND series_id IN (").AppendJoin(',', series.Select(s => Invariant(s.Id))).Append(')');
        }

        if (query.From is { } from)
        {
            where.Append(Invariant($" AND hour_us >= {UnixTime.ToMicroseconds(from)}"));
        }

        if (query.To is { } to)
        {
            where.Append(Invariant($" AND hour_us < {UnixTime.ToMicroseconds(to)}"));
        }

        if (!query.AllKinds)
        {
            where.Append(Invariant($" AND kind = {(int)ProbeKind.Regular}"));
        }

        var rows = new List<(RollupKey Key, HourRollup Rollup)>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"SELECT series_id, hour_us, kind, probes, answered, sites, rtt FROM series_hours{where}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var rollup = new HourRollup();
                rollup.Merge(reader.GetInt64(3), reader.GetInt64(4), Bytes(reader, 5), Bytes(reader, 6));
                rows.Add((ReadKey(reader), rollup));
            }
        }

        // Decoded once the reader is closed (a table of distinct values may have to be read again).
        var order = series.Order(Comparer<SeriesKey>.Create(LeanReader.SeriesOrder)).Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i);
        return [.. rows
            .Where(r => order.ContainsKey(r.Key.Series))
            .OrderBy(r => order[r.Key.Series]).ThenBy(r => r.Key.HourUs).ThenBy(r => r.Key.Kind)
            .Select(r => ToSeriesHour(keys, keys.Series[r.Key.Series], r.Key, r.Rollup))];
    }

    private static SeriesHour ToSeriesHour(ReadKeys keys, SeriesKey series, RollupKey key, HourRollup rollup)
    {
        IdentityValue? Identity(int n) => n < 0 ? null : keys.Identity(n);
        var identities = rollup.Sites.OrderBy(s => s.Key).Select(s =>
        {
            var (a, b, c) = (Identity(s.Key.IdServer), Identity(s.Key.HostnameBind), Identity(s.Key.Nsid));
            var identity = a is null && b is null && c is null ? ObservedIdentity.None : new ObservedIdentity(a, b, c);
            return new IdentityCount(identity, s.Key.Site < 0 ? null : keys.Text(s.Key.Site), s.Value);
        }).ToList();
        return new SeriesHour(series.VantageId, series.TargetId, UnixTime.FromMicroseconds(key.HourUs), (ProbeKind)key.Kind, rollup.Probes, rollup.Answered, identities, rollup.Rtt);
    }

    private static RollupKey ReadKey(DbDataReader reader) => new(
        Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture),
        reader.GetInt64(1),
        (short)Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture));

    private static int Number(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? -1 : Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static byte[]? Bytes(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<byte[]>(ordinal);

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Add(DbCommand command, string name, byte[] value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.DbType = System.Data.DbType.Binary;
        p.Value = value;
        command.Parameters.Add(p);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
