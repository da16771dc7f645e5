using System.Data.Common;
using System.Globalization;

using Dapper;

using Monitor.Core.Domain;

namespace Monitor.Storage.Sql;

/// <summary>
/// Writes measurements into the lean table: one write at a time per store (the numbers of series,
/// identities and texts are kept in memory between writes), one transaction per round or import batch.
/// A round is idempotent by its id: its row in <c>rounds</c> is inserted first, and when it is there
/// already the round is skipped whole, so no per-row key is needed (a round is always written whole,
/// in one transaction). The rows' hourly rollups (<c>series_hours</c>) are merged in that transaction too,
/// so a reader sees them agree with the rows after every write; the rows of the open hours are kept in
/// memory (<see cref="OpenHours"/>) so that each touched one is written once, without reading it first.
/// </summary>
internal sealed class LeanWriter(SqlDialect dialect) : IDisposable
{
    private readonly WriteKeys _keys = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly OpenHours _hours = new();

    // The numbers of rounds other than the one being written (imports naming stored rounds): a round's number never changes.
    private readonly Dictionary<Guid, long> _rounds = [];

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    public async Task<int> WriteRoundAsync(Round round, IReadOnlyList<Measurement> measurements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(measurements);
        await dialect.PrepareAsync(measurements.Select(m => UnixTime.ToMicroseconds(m.Started)), cancellationToken).ConfigureAwait(false);
        return await WriteAsync(
            async (connection, transaction) =>
            {
                var number = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                    dialect.InsertRoundSql,
                    new
                    {
                        Id = dialect.ToDb(round.Id),
                        round.VantageId,
                        Scheduled = UnixTime.ToMicroseconds(round.Scheduled),
                        Started = UnixTime.ToMicroseconds(round.Started),
                        Finished = UnixTime.ToMicroseconds(round.Finished),
                        round.Probes,
                        round.Answered,
                        Kind = (short)round.Kind,
                    },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (number is not { } n)
                {
                    return 0; // this round is stored already
                }

                return await InsertAsync(connection, transaction, measurements, keepIds: false, (round.Id, n), cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="write"/> in a transaction of its own, with the keys ready and kept only if it commits.</summary>
    public async Task<int> WriteAsync(Func<DbConnection, DbTransaction, Task<int>> write, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _keys.BeginAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                var inserted = await write(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                _keys.Commit();
                _hours.Commit();
                return inserted;
            }
            catch
            {
                _keys.Abort();
                _hours.Abort();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Inserts rows for <paramref name="measurements"/> in the write's transaction.</summary>
    /// <param name="connection">The write's connection.</param>
    /// <param name="transaction">The write's transaction.</param>
    /// <param name="measurements">The rows.</param>
    /// <param name="keepIds">Keep the measurements' ids (imports).</param>
    /// <param name="round">The round being written and its number, if any.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Measurement> measurements, bool keepIds, (Guid Id, long Number)? round, CancellationToken cancellationToken)
    {
        if (measurements.Count == 0)
        {
            return 0;
        }

        var others = _rounds;
        long? Number(Guid id)
        {
            if (round is { } r && r.Id == id)
            {
                return r.Number;
            }

            if (!others.TryGetValue(id, out var number))
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "SELECT number FROM rounds WHERE id = @id";
                var p = command.CreateParameter();
                p.ParameterName = "@id";
                p.Value = dialect.ToDb(id);
                command.Parameters.Add(p);
                number = command.ExecuteScalar() is { } value and not DBNull
                    ? Convert.ToInt64(value, CultureInfo.InvariantCulture)
                    : throw new ArgumentException($"A measurement names round {id}, which is neither this write's round nor stored.", nameof(measurements));
                others[id] = number;
            }

            return number;
        }

        var batch = new LeanBatch(measurements, _keys, Number, keepIds, round?.Number);
        var inserted = await dialect.InsertAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
        // The hourly rollups of these rows, in the same transaction: a round skipped adds to neither.
        await Rollups.MergeAsync(dialect, connection, transaction, batch.Rollups(), _hours, cancellationToken).ConfigureAwait(false);
        return inserted;
    }
}
