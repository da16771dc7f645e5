using System.Data.Common;
using System.Globalization;
using System.Net;

using Monitor.Core.Domain;

namespace Monitor.Storage.Sql;

/// <summary>
/// The numbers of series, identities and texts as the writer needs them: kept in memory after the
/// first write, a value not seen yet is stored in the writing transaction (insert or read back, so
/// concurrent writers agree), and the numbers learnt in a transaction are kept only once it
/// commits (<see cref="Commit"/>) and forgotten if it does not (<see cref="Abort"/>). Ids are never
/// reused, since series, identities and texts are never deleted. One write at a time (the store holds a gate).
/// </summary>
internal sealed class WriteKeys
{
    private readonly Dictionary<(string Vantage, string Target), int> _series = [];
    private readonly Dictionary<IdentityValue, int> _identities = [];
    private readonly Dictionary<string, int> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<IPAddress, int> _addresses = [];
    private readonly List<Action> _undo = [];
    private DbConnection? _connection;
    private DbTransaction? _transaction;
    private bool _loaded;

    /// <summary>Starts a write on <paramref name="connection"/> in <paramref name="transaction"/>; loads the tables the first time.</summary>
    public async Task BeginAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        _connection = connection;
        _transaction = transaction;
        _undo.Clear();
        if (_loaded)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id, vantage_id, target_id FROM series";
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _series[(reader.GetString(1), reader.GetString(2))] = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
            }
        }

        command.CommandText = "SELECT id, raw FROM identities";
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _identities[new IdentityValue(reader.GetFieldValue<byte[]>(1))] = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
            }
        }

        command.CommandText = "SELECT id, value FROM texts";
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _texts[reader.GetString(1)] = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
            }
        }

        _loaded = true;
    }

    /// <summary>The write committed: keep what it learnt.</summary>
    public void Commit()
    {
        _undo.Clear();
        _connection = null;
        _transaction = null;
    }

    /// <summary>The write failed: forget what it learnt (its rows are not in the database).</summary>
    public void Abort()
    {
        foreach (var undo in _undo)
        {
            undo();
        }

        _undo.Clear();
        _connection = null;
        _transaction = null;
    }

    /// <summary>The number of a series, stored when new.</summary>
    public int Series(string vantageId, string targetId)
    {
        var key = (vantageId, targetId);
        if (_series.TryGetValue(key, out var id))
        {
            return id;
        }

        id = InsertOrGet("series", "vantage_id = @a AND target_id = @b", "(vantage_id, target_id) VALUES (@a, @b)", vantageId, targetId);
        _series[key] = id;
        _undo.Add(() => _series.Remove(key));
        return id;
    }

    /// <summary>The number of an identity's octets, stored when new.</summary>
    public int Identity(IdentityValue value)
    {
        if (_identities.TryGetValue(value, out var id))
        {
            return id;
        }

        id = InsertOrGet("identities", "raw = @a", "(raw) VALUES (@a)", value.Raw.ToArray(), null);
        _identities[value] = id;
        _undo.Add(() => _identities.Remove(value));
        return id;
    }

    /// <summary>The number of a text, stored when new.</summary>
    public int Text(string value)
    {
        if (_texts.TryGetValue(value, out var id))
        {
            return id;
        }

        id = InsertOrGet("texts", "value = @a", "(value) VALUES (@a)", value, null);
        _texts[value] = id;
        _undo.Add(() => _texts.Remove(value));
        return id;
    }

    /// <summary>The number of an address's text form.</summary>
    public int Address(IPAddress address)
    {
        if (_addresses.TryGetValue(address, out var id))
        {
            return id;
        }

        id = Text(address.ToString());
        _addresses[address] = id;
        _undo.Add(() => _addresses.Remove(address));
        return id;
    }

    private int InsertOrGet(string table, string where, string values, object a, object? b)
    {
        var connection = _connection ?? throw new InvalidOperationException("no write in progress");
        using var command = connection.CreateCommand();
        command.Transaction = _transaction;
        Add(command, "@a", a);
        if (b is not null)
        {
            Add(command, "@b", b);
        }

        command.CommandText = $"INSERT INTO {table} {values} ON CONFLICT DO NOTHING RETURNING id";
        var id = command.ExecuteScalar();
        if (id is null or DBNull)
        {
            command.CommandText = $"SELECT id FROM {table} WHERE {where}";
            id = command.ExecuteScalar();
        }

        return Convert.ToInt32(id, CultureInfo.InvariantCulture);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
