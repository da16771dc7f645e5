using System.Data.Common;
using System.Globalization;
using System.Net;

using Monitor.Core.Domain;

namespace Monitor.Storage.Sql;

/// <summary>
/// The tables of distinct values as a read needs them, by number: series, identities (made once per
/// distinct value, so rows share them), texts, parsed addresses and round ids. Loaded when a read
/// starts; a number not known (written since) reloads its table once.
/// </summary>
internal sealed class ReadKeys
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly Dictionary<long, IdentityValue> _identities = [];
    private readonly Dictionary<long, string> _texts = [];
    private readonly Dictionary<long, IPAddress> _addresses = [];
    private readonly Dictionary<long, Guid> _rounds = [];

    private ReadKeys(DbConnection connection, DbTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Every series, by number.</summary>
    public Dictionary<int, SeriesKey> Series { get; } = [];

    /// <summary>The series <paramref name="query"/> names (its vantage point and target, when given), in no order.</summary>
    public List<SeriesKey> SeriesOf(MeasurementQuery query) =>
        [.. Series.Values.Where(s => (query.VantageId is null || s.VantageId == query.VantageId) && (query.TargetId is null || s.TargetId == query.TargetId))];

    /// <summary>
    /// Loads the tables in the read's <paramref name="transaction"/> (a snapshot, so every number its rows
    /// hold is known); rounds now when <paramref name="rounds"/>, else when first needed (a connection that
    /// runs one statement at a time, as Npgsql's, must load them before its read starts).
    /// </summary>
    public static async Task<ReadKeys> LoadAsync(DbConnection connection, DbTransaction transaction, bool rounds, CancellationToken cancellationToken)
    {
        var keys = new ReadKeys(connection, transaction);
        await keys.LoadSeriesAsync(cancellationToken).ConfigureAwait(false);
        keys.LoadIdentities();
        keys.LoadTexts();
        if (rounds)
        {
            keys.LoadRounds();
        }

        return keys;
    }

    public IdentityValue Identity(long id)
    {
        if (!_identities.TryGetValue(id, out var value))
        {
            LoadIdentities();
            value = _identities[id];
        }

        return value;
    }

    public string Text(long id)
    {
        if (!_texts.TryGetValue(id, out var value))
        {
            LoadTexts();
            value = _texts[id];
        }

        return value;
    }

    public IPAddress Address(long id)
    {
        if (!_addresses.TryGetValue(id, out var address))
        {
            address = IPAddress.Parse(Text(id));
            _addresses[id] = address;
        }

        return address;
    }

    public Guid Round(long number)
    {
        if (!_rounds.TryGetValue(number, out var id))
        {
            LoadRounds();
            id = _rounds[number];
        }

        return id;
    }

    private async Task LoadSeriesAsync(CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = "SELECT id, vantage_id, target_id FROM series";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
            Series[id] = new SeriesKey(id, reader.GetString(1), reader.GetString(2));
        }
    }

    private void LoadIdentities()
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = "SELECT id, raw FROM identities";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            if (!_identities.ContainsKey(id))
            {
                _identities[id] = new IdentityValue(reader.GetFieldValue<byte[]>(1));
            }
        }
    }

    private void LoadTexts()
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = "SELECT id, value FROM texts";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _texts[Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)] = reader.GetString(1);
        }
    }

    private void LoadRounds()
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = "SELECT number, id FROM rounds";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetValue(1) switch
            {
                byte[] octets => new Guid(octets, bigEndian: true),
                Guid guid => guid,
                var other => throw new InvalidOperationException($"a round id of type {other.GetType()}"),
            };
            _rounds[Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture)] = id;
        }

    }
}
