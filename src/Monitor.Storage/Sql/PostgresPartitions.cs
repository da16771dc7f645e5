using System.Globalization;

using Npgsql;

namespace Monitor.Storage.Sql;

/// <summary>
/// The day partitions of PostgreSQL's <c>measurements</c> (<c>measurements_dYYYYMMDD</c>, UTC days of
/// <c>started_us</c>): made before a write needs them, each in its own short transaction under an
/// advisory lock (so concurrent writers make a day once, and the parent's lock is held for an instant,
/// not for a whole write), the next day with it so a day's first write rarely waits. Days known to
/// exist are remembered.
/// </summary>
internal sealed class PostgresPartitions(NpgsqlDataSource dataSource)
{
    /// <summary>Microseconds in a day.</summary>
    public const long DayUs = 86_400_000_000;

    /// <summary>pg_advisory_xact_lock key for making and dropping partitions: "MONPART" in ASCII.</summary>
    public const long LockKey = 0x4D4F4E50415254;
    private readonly HashSet<long> _days = [];

    /// <summary>The day (days since the Unix epoch) an instant falls in.</summary>
    public static long DayOf(long startedUs) => (long)Math.Floor(startedUs / (double)DayUs);

    /// <summary>The partition's name of a day.</summary>
    public static string NameOf(long day) =>
        "measurements_d" + DateTimeOffset.UnixEpoch.AddDays(day).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Makes the partitions of the days of <paramref name="startedUs"/> (and of each next day) that are missing.</summary>
    public async Task EnsureAsync(IEnumerable<long> startedUs, CancellationToken cancellationToken)
    {
        var wanted = new SortedSet<long>();
        lock (_days)
        {
            foreach (var us in startedUs)
            {
                var day = DayOf(us);
                if (!_days.Contains(day))
                {
                    wanted.Add(day);
                    wanted.Add(day + 1);
                }
            }
        }

        if (wanted.Count == 0)
        {
            return;
        }

        // Concurrent calls may both make a day: CREATE … IF NOT EXISTS under the advisory lock makes that harmless.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new System.Text.StringBuilder().Append(CultureInfo.InvariantCulture, $"SELECT pg_advisory_xact_lock({LockKey});");
        foreach (var day in wanted)
        {
            sql.Append(CultureInfo.InvariantCulture, $"CREATE TABLE IF NOT EXISTS {NameOf(day)} PARTITION OF measurements FOR VALUES FROM ({day * DayUs}) TO ({(day + 1) * DayUs});");
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        lock (_days)
        {
            _days.UnionWith(wanted);
        }
    }

    /// <summary>Forgets days whose partitions were dropped (a later write makes them again).</summary>
    public void Forget(IEnumerable<long> days)
    {
        lock (_days)
        {
            _days.ExceptWith(days);
        }
    }
}
