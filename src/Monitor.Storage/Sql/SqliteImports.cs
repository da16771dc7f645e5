using Microsoft.Data.Sqlite;

using SQLitePCL;

namespace Monitor.Storage.Sql;

/// <summary>
/// The import tables of SQLite (<c>imported</c>, <c>atlas_origins</c>) through the native API: one
/// prepared statement bound by position and stepped per row in the caller's transaction, with no
/// ADO.NET command or parameter objects (each of those cost several µs a row).
/// </summary>
internal static class SqliteImports
{
    private const string ClaimSql = "INSERT INTO imported (id) VALUES (?1) ON CONFLICT (id) DO NOTHING";

    private const string OriginSql =
        "INSERT INTO atlas_origins (measurement_id, msm_id, prb_id, probe_address) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (measurement_id) DO NOTHING";

    /// <summary>Stores the ids; returns those not stored before.</summary>
    public static HashSet<Guid> Claim(SqliteConnection connection, IReadOnlyList<Guid> ids)
    {
        var claimed = new HashSet<Guid>();
        var order = KeyOrder(ids.Count, i => ids[i]);
        Run(connection, ClaimSql, ids.Count, (db, statement, n) =>
        {
            Span<byte> raw16 = stackalloc byte[16];
            ids[order[n]].TryWriteBytes(raw16, bigEndian: true, out _);
            SqliteRows.Check(db, raw.sqlite3_bind_blob(statement, 1, raw16));
        }, (n, changed) =>
        {
            if (changed)
            {
                claimed.Add(ids[order[n]]);
            }
        });
        return claimed;
    }

    /// <summary>Stores the origins not stored before.</summary>
    public static void InsertOrigins(SqliteConnection connection, IReadOnlyList<MeasurementOrigin> origins)
    {
        var order = KeyOrder(origins.Count, i => origins[i].MeasurementId);
        Run(connection, OriginSql, origins.Count, (db, statement, n) =>
        {
            var o = origins[order[n]];
            Span<byte> raw16 = stackalloc byte[16];
            o.MeasurementId.TryWriteBytes(raw16, bigEndian: true, out _);
            SqliteRows.Check(db, raw.sqlite3_bind_blob(statement, 1, raw16));
            SqliteRows.Check(db, raw.sqlite3_bind_int64(statement, 2, o.AtlasMeasurementId));
            SqliteRows.Check(db, raw.sqlite3_bind_int64(statement, 3, o.AtlasProbeId));
            SqliteRows.Check(db, o.ProbeAddress is { } address ? raw.sqlite3_bind_text(statement, 4, address) : raw.sqlite3_bind_null(statement, 4));
        }, null);
    }

    /// <summary>
    /// The order of the ids as the key stores them (big-endian octets): the ids are hashes, so in the order
    /// they come each one lands on another page of the b-tree; sorted, a batch's inserts walk it once.
    /// </summary>
    private static int[] KeyOrder(int count, Func<int, Guid> id)
    {
        var keys = new (ulong High, ulong Low)[count];
        var order = new int[count];
        Span<byte> raw16 = stackalloc byte[16];
        for (var i = 0; i < count; i++)
        {
            id(i).TryWriteBytes(raw16, bigEndian: true, out _);
            keys[i] = (System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(raw16), System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(raw16[8..]));
            order[i] = i;
        }

        Array.Sort(keys, order);
        return order;
    }

    private static void Run(SqliteConnection connection, string sql, int count, Action<sqlite3, sqlite3_stmt, int> bind, Action<int, bool>? done)
    {
        if (count == 0)
        {
            return;
        }

        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        SqliteRows.Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            for (var i = 0; i < count; i++)
            {
                bind(db, statement, i);
                var changed = SqliteRows.StepOnce(db, statement);
                done?.Invoke(i, changed);
            }
        }
    }
}
