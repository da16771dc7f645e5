using System.Data;
using System.Data.Common;
using System.Globalization;

using Monitor.Core.Domain;

namespace Monitor.Storage.Sql;

/// <summary>
/// A measurement as a row of the <c>measurements</c> table, both ways: the columns in INSERT order,
/// the values of a row, the generic multi-row INSERT (prepared and reused, in the caller's
/// transaction), reading a row back, and the WHERE clause of a <see cref="MeasurementQuery"/>.
/// The dialect's own bulk path is tried first.
/// </summary>
/// <param name="dialect">The database's dialect (UUIDs and the bulk path).</param>
internal sealed class MeasurementRows(SqlDialect dialect)
{
    public const string SelectMeasurementSql = """
        SELECT id, round_id, vantage_id, target_id, started_us, outcome, rtt_us, rcode, response_size,
            truncated, id_server, hostname_bind, nsid, identity_rtt_us, discarded, error, probe_kind, site_id, answers,
            transport, address, connection, connect_us, tls_us, reconnects, dnssec_flags, soa_serial
        FROM measurements
        """;

    // Column and parameter type, in INSERT order; null stands for the dialect's UUID type.
    public static readonly (string Name, DbType? Type)[] MeasurementColumns =
    [
        ("id", null), ("round_id", null), ("vantage_id", DbType.String), ("target_id", DbType.String),
        ("started_us", DbType.Int64), ("outcome", DbType.Int16), ("rtt_us", DbType.Int64), ("rcode", DbType.Int32),
        ("response_size", DbType.Int32), ("truncated", DbType.Int16), ("id_server", DbType.Binary),
        ("hostname_bind", DbType.Binary), ("nsid", DbType.Binary), ("identity_rtt_us", DbType.Int64),
        ("discarded", DbType.Int32), ("error", DbType.String), ("probe_kind", DbType.Int16), ("site_id", DbType.String),
        ("answers", DbType.String),
        .. TransportColumns.Columns,
    ];

    // Rows per multi-row INSERT: 256 × 27 parameters stays far below PostgreSQL's 65,535 parameters per statement.
    private const int BatchRows = 256;

    private readonly SqlDialect _dialect = dialect;

    /// <summary>Inserts measurements, skipping stored ids; returns how many were new.</summary>
    public async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Measurement> measurements, CancellationToken cancellationToken)
    {
        // The dialect's own bulk path (PostgreSQL binary COPY, SQLite's native prepared insert) when it has one.
        if (_dialect.BulkInsertAsync(connection, transaction, MeasurementColumns, measurements, Values, cancellationToken) is { } bulk)
        {
            return await bulk.ConfigureAwait(false);
        }

        // Large batches: up to BatchRows rows per multi-row INSERT, one prepared statement reused
        // for every full batch and one more for the rest, all in the caller's transaction.
        const int batchRows = BatchRows;
        var inserted = 0;
        var full = measurements.Count / batchRows * batchRows;
        if (full > 0)
        {
            await using var batch = CreateInsert(connection, transaction, batchRows);
            await batch.Command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            for (var start = 0; start < full; start += batchRows)
            {
                Bind(batch.Parameters, measurements, start, batchRows);
                inserted += await batch.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var rest = measurements.Count - full;
        if (rest > 0)
        {
            await using var tail = CreateInsert(connection, transaction, rest);
            Bind(tail.Parameters, measurements, full, rest);
            inserted += await tail.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return inserted;
    }

    private InsertCommand CreateInsert(DbConnection connection, DbTransaction transaction, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var parameters = new DbParameter[rows * MeasurementColumns.Length];
        var sql = new System.Text.StringBuilder(
            "INSERT INTO measurements (" + string.Join(", ", MeasurementColumns.Select(c => c.Name)) + ") VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < MeasurementColumns.Length; column++)
            {
                var p = command.CreateParameter();
                p.ParameterName = string.Create(CultureInfo.InvariantCulture, $"@p{row}_{column}");
                p.DbType = MeasurementColumns[column].Type ?? _dialect.UuidDbType;
                command.Parameters.Add(p);
                parameters[(row * MeasurementColumns.Length) + column] = p;
                sql.Append(column == 0 ? string.Empty : ", ").Append(p.ParameterName);
            }

            sql.Append(')');
        }

        command.CommandText = sql.Append(" ON CONFLICT (id) DO NOTHING").ToString();
        return new InsertCommand(command, parameters);
    }

    private void Bind(DbParameter[] parameters, IReadOnlyList<Measurement> measurements, int start, int rows)
    {
        var values = new object[MeasurementColumns.Length];
        for (var row = 0; row < rows; row++)
        {
            Values(measurements[start + row], values);
            var p = row * MeasurementColumns.Length;
            for (var column = 0; column < values.Length; column++)
            {
                parameters[p + column].Value = values[column];
            }
        }
    }

    /// <summary>A measurement's column values, in <see cref="MeasurementColumns"/> order (DBNull for null).</summary>
    private void Values(Measurement m, object[] values)
    {
        values[0] = _dialect.ToDb(m.Id);
        values[1] = m.RoundId is { } roundId ? _dialect.ToDb(roundId) : DBNull.Value;
        values[2] = m.VantageId;
        values[3] = m.TargetId;
        values[4] = UnixTime.ToMicroseconds(m.Started);
        values[5] = (short)m.Outcome;
        values[6] = m.Rtt is { } rtt ? UnixTime.ToMicroseconds(rtt) : DBNull.Value;
        values[7] = m.Rcode is { } rcode ? rcode : DBNull.Value;
        values[8] = m.ResponseSize is { } size ? size : DBNull.Value;
        values[9] = m.Truncated ? (short)1 : (short)0;
        values[10] = Octets(m.Identity.IdServer);
        values[11] = Octets(m.Identity.HostnameBind);
        values[12] = Octets(m.Identity.Nsid);
        values[13] = m.IdentityRtt is { } identityRtt ? UnixTime.ToMicroseconds(identityRtt) : DBNull.Value;
        values[14] = m.Discarded;
        values[15] = m.Error is null ? DBNull.Value : m.Error;
        values[16] = (short)m.Kind;
        values[17] = m.SiteId is null ? DBNull.Value : m.SiteId;
        values[18] = m.Answers is null ? DBNull.Value : m.Answers;
        TransportColumns.Write(m, values);
    }

    private sealed record InsertCommand(DbCommand Command, DbParameter[] Parameters) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Command.DisposeAsync();
    }

    private static object Octets(IdentityValue? value) => value is null ? DBNull.Value : value.Raw.ToArray();

    /// <summary>Reads the current row of a <see cref="SelectMeasurementSql"/> reader.</summary>
    public Measurement Read(DbDataReader r) => TransportColumns.Read(ReadBase(r), r.IsDBNull, i => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture), r.GetString);

    private Measurement ReadBase(DbDataReader r) => new()
    {
        Id = _dialect.ReadGuid(r, 0),
        RoundId = r.IsDBNull(1) ? null : _dialect.ReadGuid(r, 1),
        VantageId = r.GetString(2),
        TargetId = r.GetString(3),
        Started = UnixTime.FromMicroseconds(r.GetInt64(4)),
        Outcome = (ProbeOutcome)r.GetInt16(5),
        Rtt = r.IsDBNull(6) ? null : UnixTime.DurationFromMicroseconds(r.GetInt64(6)),
        Rcode = r.IsDBNull(7) ? null : r.GetInt32(7),
        ResponseSize = r.IsDBNull(8) ? null : r.GetInt32(8),
        Truncated = r.GetInt16(9) != 0,
        Identity = new ObservedIdentity(Identity(r, 10), Identity(r, 11), Identity(r, 12)),
        IdentityRtt = r.IsDBNull(13) ? null : UnixTime.DurationFromMicroseconds(r.GetInt64(13)),
        Discarded = r.GetInt32(14),
        Error = r.IsDBNull(15) ? null : r.GetString(15),
        Kind = (ProbeKind)r.GetInt16(16),
        SiteId = r.IsDBNull(17) ? null : r.GetString(17),
        Answers = r.IsDBNull(18) ? null : r.GetString(18),
    };

    private static IdentityValue? Identity(DbDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : new IdentityValue(r.GetFieldValue<byte[]>(ordinal));

    /// <summary>The WHERE clause of a query, its time window on <paramref name="timeColumn"/>, its kinds on <paramref name="kindColumn"/>.</summary>
    public static string Where(MeasurementQuery query, DbCommand command, string timeColumn, string kindColumn)
    {
        var where = new List<string>();
        if (query.From is { } from)
        {
            where.Add(timeColumn + " >= " + AddParameter(command, "from", UnixTime.ToMicroseconds(from)));
        }

        if (query.To is { } to)
        {
            where.Add(timeColumn + " < " + AddParameter(command, "to", UnixTime.ToMicroseconds(to)));
        }

        if (query.TargetId is { } target)
        {
            where.Add("target_id = " + AddParameter(command, "target", target));
        }

        if (query.VantageId is { } vantage)
        {
            where.Add("vantage_id = " + AddParameter(command, "vantage", vantage));
        }

        if (!query.AllKinds)
        {
            where.Add(kindColumn + " = 0");
        }

        return where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty;
    }

    public static string AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value;
        command.Parameters.Add(p);
        return p.ParameterName;
    }
}
