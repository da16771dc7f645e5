using System.Data.Common;
using System.Runtime.CompilerServices;

using Microsoft.Data.Sqlite;

using Monitor.Core.Analysis.Series;

using Npgsql;

namespace Monitor.Storage.Sql;

/// <summary>
/// Reads the series of a query straight into <see cref="ColumnarSeries"/>, in series order, one new instance
/// per series: only the columns the analysis needs, as integers, no object per row. Several connections
/// (one per core, up to <see cref="MaxReaders"/>) read series side by side, each its own series taken in
/// turn, and the series are handed over in order; a few series are read ahead, no more.
/// </summary>
/// <remarks>
/// On PostgreSQL every connection reads the snapshot of the first (<c>pg_export_snapshot</c>). On SQLite each
/// connection reads its own snapshot, taken when it starts: rows written while the read starts may be seen by
/// some series and not by others, never half of a series.
/// </remarks>
internal static class SeriesReader
{
    /// <summary>Connections read side by side at most.</summary>
    public const int MaxReaders = 2;

    private const int ReadAhead = 8;

    public static async IAsyncEnumerable<ColumnarSeries> ReadAsync(SqlDialect dialect, MeasurementQuery query, IdentityTable identities, int readerCount, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(identities);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var first = await Reader.OpenAsync(dialect, query, identities, snapshot: null, stop.Token).ConfigureAwait(false);
        var series = first.Keys.SeriesOf(query);
        series.Sort(LeanReader.SeriesOrder);
        if (series.Count == 0)
        {
            await first.DisposeAsync().ConfigureAwait(false);
            yield break;
        }

        var slots = new TaskCompletionSource<ColumnarSeries>[series.Count];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = new TaskCompletionSource<ColumnarSeries>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        // Every connection opens before any reads, so that the first one's snapshot is still there to share.
        var readers = new List<Reader> { first };
        try
        {
            for (var w = Math.Clamp(Math.Min(readerCount, series.Count), 1, MaxReaders) - 1; w > 0; w--)
            {
                readers.Add(await Reader.OpenAsync(dialect, query, identities, first.Snapshot, stop.Token).ConfigureAwait(false));
            }
        }
        catch
        {
            foreach (var opened in readers)
            {
                await opened.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        var ahead = new SemaphoreSlim(ReadAhead);
        var next = -1;
        var workers = readers.Select(r => Task.Run(() => RunAsync(r, series, slots, ahead, () => Interlocked.Increment(ref next), stop), CancellationToken.None)).ToList();

        // When every worker has stopped, a series no one read fails with the first error (or is cancelled).
        var done = Task.WhenAll(workers).ContinueWith(
            t =>
            {
                var errors = t.Exception?.InnerExceptions.Where(e => e is not OperationCanceledException).ToList() ?? [];
                foreach (var slot in slots)
                {
                    if (errors.Count > 0)
                    {
                        slot.TrySetException(errors);
                    }
                    else
                    {
                        slot.TrySetCanceled(stop.Token);
                    }
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        try
        {
            for (var i = 0; i < slots.Length; i++)
            {
                var s = await slots[i].Task.ConfigureAwait(false);
                ahead.Release();
                if (s.Count > 0)
                {
                    yield return s;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await done.ConfigureAwait(false);
            ahead.Dispose();
        }
    }

    /// <summary>The statement that reads a series' rows from the table on <paramref name="connection"/>'s database.</summary>
    public static ISeriesSource RowSource(DbConnection connection, MeasurementQuery query) => connection switch
    {
        SqliteConnection sqlite => new SqliteSeriesSource(sqlite, query),
        NpgsqlConnection npgsql => new PostgresSeriesSource(npgsql, query),
        _ => throw new NotSupportedException($"No series reader for {connection.GetType().Name}."),
    };

    private static async Task RunAsync(Reader reader, List<SeriesKey> series, TaskCompletionSource<ColumnarSeries>[] slots, SemaphoreSlim ahead, Func<int> take, CancellationTokenSource stop)
    {
        await using (reader.ConfigureAwait(false))
        {
            var capacity = 64;
            try
            {
                while (true)
                {
                    await ahead.WaitAsync(stop.Token).ConfigureAwait(false);
                    var i = take();
                    if (i >= series.Count)
                    {
                        return;
                    }

                    var key = series[i];
                    // Series of one analysis are alike in size: the last one's count is the next one's first guess.
                    var columns = new ColumnarSeries(key.VantageId, key.TargetId, reader.Identities.Identities, capacity);
                    reader.Fill.Start(key, columns);
                    await reader.Source.ReadAsync(key, reader.FromUs, reader.ToUs, reader.Fill, stop.Token).ConfigureAwait(false);
                    slots[i].SetResult(reader.Fill.Finish());
                    capacity = Math.Max(64, columns.Count + (columns.Count / 16));
                }
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>One connection of the read: its snapshot, its tables of distinct values and its statement.</summary>
    private sealed class Reader : IAsyncDisposable
    {
        private readonly DbConnection _connection;
        private readonly DbTransaction _transaction;

        private Reader(DbConnection connection, DbTransaction transaction, ReadKeys keys, StoreIdentities identities, ISeriesSource source, string? snapshot, long fromUs, long toUs)
        {
            FromUs = fromUs;
            ToUs = toUs;
            _connection = connection;
            _transaction = transaction;
            Keys = keys;
            Identities = identities;
            Source = source;
            Fill = new SeriesFill(keys, identities);
            Snapshot = snapshot;
        }

        public ReadKeys Keys { get; }

        /// <summary>The window's start, Unix µs (inclusive).</summary>
        public long FromUs { get; }

        /// <summary>The window's end, Unix µs (exclusive).</summary>
        public long ToUs { get; }

        public StoreIdentities Identities { get; }

        public ISeriesSource Source { get; }

        public SeriesFill Fill { get; }

        /// <summary>PostgreSQL: the exported snapshot the other connections read.</summary>
        public string? Snapshot { get; }

        public static async Task<Reader> OpenAsync(SqlDialect dialect, MeasurementQuery query, IdentityTable identities, string? snapshot, CancellationToken cancellationToken)
        {
            var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
            DbTransaction? transaction = null;
            try
            {
                transaction = await dialect.BeginReadAsync(connection, cancellationToken).ConfigureAwait(false);
                if (connection is NpgsqlConnection postgres)
                {
                    snapshot = await ShareSnapshotAsync(postgres, (NpgsqlTransaction)transaction, snapshot, cancellationToken).ConfigureAwait(false);
                }
                else if (connection is SqliteConnection)
                {
                    // Each series is read once, in key order: a large page cache per connection only costs memory.
                    await using var pragma = connection.CreateCommand();
                    pragma.Transaction = transaction;
                    pragma.CommandText = "PRAGMA cache_size=-8192";
                    await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var keys = await ReadKeys.LoadAsync(connection, transaction, rounds: false, cancellationToken).ConfigureAwait(false);
                var map = new StoreIdentities(identities, id => keys.Identity(id));
                // The days sealed into blocks are read from them, the rest from rows.
                var from = query.From is { } f ? UnixTime.ToMicroseconds(f) : long.MinValue;
                var to = query.To is { } t ? UnixTime.ToMicroseconds(t) : long.MaxValue;
                var sealedDays = await SealedDays.LoadAsync(connection, transaction, from, to, cancellationToken).ConfigureAwait(false);
                var rows = RowSource(connection, query);
                var source = sealedDays.Count == 0 ? rows : new BlockSeriesSource(connection, transaction, rows, sealedDays, query.AllKinds);
                return new Reader(connection, transaction, keys, map, source, snapshot, from, to);
            }
            catch
            {
                if (transaction is not null)
                {
                    await transaction.DisposeAsync().ConfigureAwait(false);
                }

                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Source.DisposeAsync().ConfigureAwait(false);
            await _transaction.DisposeAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        // The first connection exports its snapshot; the others read in it (the first statement of their transaction).
        private static async Task<string> ShareSnapshotAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string? snapshot, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            if (snapshot is null)
            {
                command.CommandText = "SELECT pg_export_snapshot()";
                return (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            command.CommandText = "SET TRANSACTION SNAPSHOT '" + snapshot.Replace("'", "''", StringComparison.Ordinal) + "'";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return snapshot;
        }
    }
}
