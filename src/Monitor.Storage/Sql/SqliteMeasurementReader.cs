using System.Data.Common;
using System.Text;

using Microsoft.Data.Sqlite;

using Monitor.Core.Domain;

using SQLitePCL;

namespace Monitor.Storage.Sql;

/// <summary>
/// Steps a measurement SELECT (the store's column list, in its order) through SQLite's native API and
/// reads columns by position without ADO.NET's per-value allocations: texts and identities are made
/// once per distinct value (vantage ids, target ids and identities repeat in nearly every row), ids
/// come straight from the blob. Same values and the same errors for NULL in a NOT NULL column as the
/// <see cref="DbDataReader"/> path.
/// </summary>
internal sealed class SqliteMeasurementReader : IDisposable
{
    // Distinct values kept by a streaming read; past this, values are made per row (bounded memory
    // whatever the data, e.g. an error text unique to every row).
    private const int StreamingCacheLimit = 65_536;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    private SqliteMeasurementReader(sqlite3 db, sqlite3_stmt statement, int cacheLimit)
    {
        _db = db;
        _statement = statement;
        Texts = new ByteKeyedTable<string>(static b => Encoding.UTF8.GetString(b), cacheLimit);
        Identities = new ByteKeyedTable<IdentityValue>(static b => new IdentityValue(b), cacheLimit);
    }

    /// <summary>Texts (ids, errors, site ids, answers) by their UTF-8 bytes.</summary>
    public ByteKeyedTable<string> Texts { get; }

    /// <summary>Identity values by their octets.</summary>
    public ByteKeyedTable<IdentityValue> Identities { get; }

    /// <summary>Prepares <paramref name="command"/>'s text and binds its parameters (named, long or string values).</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="command">The SELECT and its parameters; never executed itself.</param>
    /// <param name="keepAll">Keep every distinct text and identity (the caller holds the rows anyway), else keep a bounded number.</param>
    public static SqliteMeasurementReader Open(SqliteConnection connection, DbCommand command, bool keepAll)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(db, raw.sqlite3_prepare_v2(db, command.CommandText, out var statement));
        try
        {
            foreach (DbParameter p in command.Parameters)
            {
                var index = raw.sqlite3_bind_parameter_index(statement, p.ParameterName);
                if (index == 0)
                {
                    throw new InvalidOperationException($"no parameter {p.ParameterName} in the statement");
                }

                Check(db, p.Value switch
                {
                    long l => raw.sqlite3_bind_int64(statement, index, l),
                    string s => raw.sqlite3_bind_text(statement, index, s),
                    _ => throw new ArgumentException($"no SQLite binding for {p.Value?.GetType()}", nameof(command)),
                });
            }
        }
        catch
        {
            statement.Dispose();
            throw;
        }

        return new SqliteMeasurementReader(db, statement, keepAll ? int.MaxValue : StreamingCacheLimit);
    }

    /// <summary>Moves to the next row; false after the last.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        Check(_db, rc);
        return false;
    }

    /// <summary>True when the column is NULL in the current row.</summary>
    public bool IsNull(int ordinal) => raw.sqlite3_column_type(_statement, ordinal) == raw.SQLITE_NULL;

    /// <summary>An integer column (NULL is an error, as <see cref="DbDataReader.GetInt64"/> makes it).</summary>
    public long Int64(int ordinal)
    {
        NotNull(ordinal);
        return raw.sqlite3_column_int64(_statement, ordinal);
    }

    /// <summary>A text or blob column's bytes, valid until the next <see cref="Read"/> (NULL is an error).</summary>
    public ReadOnlySpan<byte> Bytes(int ordinal)
    {
        NotNull(ordinal);
        return raw.sqlite3_column_blob(_statement, ordinal);
    }

    /// <summary>A UUID column stored as 16 big-endian octets.</summary>
    public Guid Guid(int ordinal) => new(Bytes(ordinal), bigEndian: true);

    /// <summary>The current row as a measurement (columns in the store's SELECT order).</summary>
    public Measurement Measurement() => TransportColumns.Read(BaseMeasurement(), IsNull, Int64, i => Texts.Get(Bytes(i)));

    private Measurement BaseMeasurement() => new()
    {
        Id = Guid(MeasurementColumn.Id),
        RoundId = IsNull(MeasurementColumn.RoundId) ? null : Guid(MeasurementColumn.RoundId),
        VantageId = Texts.Get(Bytes(MeasurementColumn.Vantage)),
        TargetId = Texts.Get(Bytes(MeasurementColumn.Target)),
        Started = UnixTime.FromMicroseconds(Int64(MeasurementColumn.Started)),
        Outcome = (ProbeOutcome)checked((short)Int64(MeasurementColumn.Outcome)),
        Rtt = IsNull(MeasurementColumn.Rtt) ? null : UnixTime.DurationFromMicroseconds(Int64(MeasurementColumn.Rtt)),
        Rcode = IsNull(MeasurementColumn.Rcode) ? null : checked((int)Int64(MeasurementColumn.Rcode)),
        ResponseSize = IsNull(MeasurementColumn.ResponseSize) ? null : checked((int)Int64(MeasurementColumn.ResponseSize)),
        Truncated = checked((short)Int64(MeasurementColumn.Truncated)) != 0,
        Identity = Identity(),
        IdentityRtt = IsNull(MeasurementColumn.IdentityRtt) ? null : UnixTime.DurationFromMicroseconds(Int64(MeasurementColumn.IdentityRtt)),
        Discarded = checked((int)Int64(MeasurementColumn.Discarded)),
        Error = Text(MeasurementColumn.Error),
        Kind = (ProbeKind)checked((short)Int64(MeasurementColumn.Kind)),
        SiteId = Text(MeasurementColumn.SiteId),
        Answers = Text(MeasurementColumn.Answers),
    };

    /// <inheritdoc />
    public void Dispose() => _statement.Dispose();

    private ObservedIdentity Identity()
    {
        var idServer = IdentityValue(MeasurementColumn.IdServer);
        var hostnameBind = IdentityValue(MeasurementColumn.HostnameBind);
        var nsid = IdentityValue(MeasurementColumn.Nsid);
        return idServer is null && hostnameBind is null && nsid is null ? ObservedIdentity.None : new ObservedIdentity(idServer, hostnameBind, nsid);
    }

    private IdentityValue? IdentityValue(int ordinal) => IsNull(ordinal) ? null : Identities.Get(Bytes(ordinal));

    private string? Text(int ordinal) => IsNull(ordinal) ? null : Texts.Get(Bytes(ordinal));

    private void NotNull(int ordinal)
    {
        if (IsNull(ordinal))
        {
            throw new InvalidOperationException($"The data is NULL at ordinal {ordinal}. This method can't be called on NULL values.");
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }
}
