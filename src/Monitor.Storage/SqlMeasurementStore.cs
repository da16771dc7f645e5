using System.Data;
using System.Data.Common;
using System.Globalization;

using Dapper;

using Monitor.Core.Analysis.Series;
using Monitor.Core.Domain;
using Monitor.Storage.Migrations;
using Monitor.Storage.Sql;

namespace Monitor.Storage;

/// <summary>
/// The measurement store over any <see cref="SqlDialect"/>: Dapper for the small statements, and for
/// measurements the lean table (migration 0006: integers, numbers into series, identities and texts)
/// written through the dialect's bulk path (<see cref="LeanWriter"/>: SQLite's native prepared insert,
/// PostgreSQL's binary COPY) and read by its native reader (<see cref="LeanReader"/>).
/// </summary>
public sealed class SqlMeasurementStore : IMeasurementStore
{
    private readonly SqlDialect _dialect;
    private readonly LeanWriter _writer;
    private readonly ImportWriter _import;

    private SqlMeasurementStore(SqlDialect dialect)
    {
        _dialect = dialect;
        _writer = new LeanWriter(dialect);
        _import = new ImportWriter(dialect, _writer);
    }

    /// <inheritdoc />
    public string Description => _dialect.Describe();

    /// <summary>Opens a store and brings its schema up to date.</summary>
    public static async Task<SqlMeasurementStore> OpenAsync(SqlDialect dialect, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await Migrator.MigrateAsync(dialect, connection, time, cancellationToken).ConfigureAwait(false);
        return new SqlMeasurementStore(dialect);
    }

    /// <inheritdoc />
    /// <remarks>
    /// COALESCE(new, stored): a location field not given (a worker or run started without
    /// <c>--city</c> …) keeps what is stored, so a restart never erases a vantage point's place.
    /// </remarks>
    public async Task UpsertVantagePointAsync(VantagePoint vantagePoint, DateTimeOffset seen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vantagePoint);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO vantage_points (id, city, country, latitude, longitude, asn, first_seen_us, last_seen_us)
            VALUES (@Id, @City, @Country, @Latitude, @Longitude, @Asn, @Seen, @Seen)
            ON CONFLICT (id) DO UPDATE SET
                city = COALESCE(excluded.city, vantage_points.city),
                country = COALESCE(excluded.country, vantage_points.country),
                latitude = COALESCE(excluded.latitude, vantage_points.latitude),
                longitude = COALESCE(excluded.longitude, vantage_points.longitude),
                asn = COALESCE(excluded.asn, vantage_points.asn),
                last_seen_us = excluded.last_seen_us
            """,
            new { vantagePoint.Id, vantagePoint.City, vantagePoint.Country, vantagePoint.Latitude, vantagePoint.Longitude, vantagePoint.Asn, Seen = UnixTime.ToMicroseconds(seen) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task UpsertTargetsAsync(IReadOnlyCollection<Target> targets, DateTimeOffset updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var at = UnixTime.ToMicroseconds(updated);
        foreach (var t in targets)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO targets (id, provider, address, port, kind, transport, qname, qclass, qtype, recursion_desired, identity_methods, updated_us, sites, probe_options)
                VALUES (@Id, @Provider, @Address, @Port, @Kind, @Transport, @QName, @QClass, @QType, @Rd, @Identity, @At, @Sites, @ProbeOptions)
                ON CONFLICT (id) DO UPDATE SET provider = excluded.provider, address = excluded.address, port = excluded.port,
                    kind = excluded.kind, transport = excluded.transport, qname = excluded.qname, qclass = excluded.qclass,
                    qtype = excluded.qtype, recursion_desired = excluded.recursion_desired,
                    identity_methods = excluded.identity_methods, updated_us = excluded.updated_us, sites = excluded.sites,
                    probe_options = excluded.probe_options
                """,
                new
                {
                    t.Id,
                    t.Provider,
                    Address = t.Address.ToString(),
                    t.Port,
                    Kind = t.Kind.ToString().ToLowerInvariant(),
                    Transport = t.Transport.ToString().ToLowerInvariant(),
                    QName = t.Query.Name,
                    QClass = (int)t.Query.QClass,
                    QType = (int)t.Query.QType,
                    Rd = t.RecursionDesired ? 1 : 0,
                    Identity = (int)t.Identity,
                    At = at,
                    Sites = TargetSites.Format(t.Sites),
                    ProbeOptions = ProbeOptions.Format(t),
                },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<int> WriteRoundAsync(Round round, IReadOnlyList<Measurement> measurements, CancellationToken cancellationToken) =>
        _writer.WriteRoundAsync(round, measurements, cancellationToken);

    /// <inheritdoc />
    public Task<int> WriteImportAsync(IReadOnlyCollection<VantagePoint> vantagePoints, IReadOnlyList<Measurement> measurements, IReadOnlyList<MeasurementOrigin> origins, DateTimeOffset seen, CancellationToken cancellationToken) =>
        _import.WriteAsync(vantagePoints, measurements, origins, seen, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<Guid, MeasurementOrigin>> ReadOriginsAsync(CancellationToken cancellationToken) => _import.ReadAsync(cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<Measurement> ReadMeasurementsAsync(MeasurementQuery query, CancellationToken cancellationToken) =>
        LeanReader.ReadAsync(_dialect, query, cancellationToken);

    /// <summary>
    /// Reads the measurements of <paramref name="query"/> (its order ignored: always series order) straight into
    /// one new <see cref="ColumnarSeries"/> per series, without an object per row: only the columns the analysis
    /// reads, identities as ids of <paramref name="identities"/> (each distinct one made once), the rows of each
    /// series in the order <see cref="ReadMeasurementsAsync"/> gives them. A window reads only its rows (one range
    /// of the key per series); up to two connections read series side by side, handed over in series order.
    /// </summary>
    /// <param name="query">The window, vantage point, target and kinds.</param>
    /// <param name="identities">The analysis' identity table, shared by every series.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public IAsyncEnumerable<ColumnarSeries> ReadSeriesAsync(MeasurementQuery query, IdentityTable identities, CancellationToken cancellationToken) =>
        SeriesReader.ReadAsync(_dialect, query, identities, Math.Min(Environment.ProcessorCount, SeriesReader.MaxReaders), cancellationToken);

    /// <summary>
    /// Reads the hourly rollups (<c>series_hours</c>, kept on ingest) of the hours that start in the window of
    /// <paramref name="query"/> (its order ignored: series order, then hour and kind), of regular probes unless
    /// <see cref="MeasurementQuery.AllKinds"/>: counts, answered, rows per identity set and the RTT histogram,
    /// so that long windows need not read rows.
    /// </summary>
    public Task<IReadOnlyList<SeriesHour>> ReadHourlyRollupsAsync(MeasurementQuery query, CancellationToken cancellationToken) =>
        Rollups.ReadAsync(_dialect, query, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<Round>> ReadRoundsAsync(MeasurementQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, vantage_id, scheduled_us, started_us, finished_us, probes, answered, kind FROM rounds" +
            LeanReader.RoundsWhere(query, command) + " ORDER BY scheduled_us, id";
        var rounds = new List<Round>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rounds.Add(new Round(
                _dialect.ReadGuid(reader, 0),
                reader.GetString(1),
                UnixTime.FromMicroseconds(reader.GetInt64(2)),
                UnixTime.FromMicroseconds(reader.GetInt64(3)),
                UnixTime.FromMicroseconds(reader.GetInt64(4)),
                reader.GetInt32(5),
                reader.GetInt32(6))
            { Kind = (ProbeKind)reader.GetInt16(7) });
        }

        return rounds;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VantagePoint>> ReadVantagePointsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<VantageRow>(new CommandDefinition(
            "SELECT id AS Id, city AS City, country AS Country, latitude AS Latitude, longitude AS Longitude, asn AS Asn, asn_v6 AS AsnV6, is_anchor AS IsAnchor, clock_offset_us AS ClockOffsetUs FROM vantage_points ORDER BY id",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Where(r => VantagePoint.IsValidId(r.Id)).Select(r => new VantagePoint(r.Id)
        {
            City = r.City,
            Country = r.Country,
            Latitude = r.Latitude is >= -90 and <= 90 ? r.Latitude : null,
            Longitude = r.Longitude is >= -180 and <= 180 ? r.Longitude : null,
            Asn = r.Asn,
            AsnV6 = r.AsnV6,
            IsAnchor = r.IsAnchor is { } anchor ? anchor != 0 : null,
            ClockOffset = r.ClockOffsetUs is { } offset ? UnixTime.DurationFromMicroseconds(offset) : null,
        })];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> ReadProvidersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Id, string Provider)>(new CommandDefinition(
            "SELECT id, provider FROM targets", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Id, r => r.Provider, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task PublishScheduleAsync(string scheduleId, Schedule schedule, IReadOnlyCollection<Target> targets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(targets);
        await UpsertTargetsAsync(targets, now, cancellationToken).ConfigureAwait(false);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO schedules (id, interval_us, timeout_us, updated_us, burst_interval_us, burst_limit_us, rate_limit)
            VALUES (@Id, @Interval, @Timeout, @Now, @BurstInterval, @BurstLimit, @RateLimit)
            ON CONFLICT (id) DO UPDATE SET interval_us = excluded.interval_us, timeout_us = excluded.timeout_us, updated_us = excluded.updated_us,
                burst_interval_us = excluded.burst_interval_us, burst_limit_us = excluded.burst_limit_us, rate_limit = excluded.rate_limit
            """,
            new
            {
                Id = scheduleId,
                Interval = UnixTime.ToMicroseconds(schedule.Interval),
                Timeout = UnixTime.ToMicroseconds(schedule.Timeout),
                Now = UnixTime.ToMicroseconds(now),
                BurstInterval = UnixTime.ToMicroseconds(schedule.Burst.Interval),
                BurstLimit = UnixTime.ToMicroseconds(schedule.Burst.Limit),
                schedule.Burst.RateLimit,
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE targets SET active = 0", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var t in targets)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE targets SET active = 1, timeout_us = @Timeout WHERE id = @Id",
                new { t.Id, Timeout = t.Timeout is { } timeout ? UnixTime.ToMicroseconds(timeout) : (long?)null },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<(Schedule Schedule, IReadOnlyList<Target> Targets)?> ReadScheduleAsync(string scheduleId, CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<(long Interval, long Timeout, long? BurstInterval, long? BurstLimit, double? RateLimit)>(new CommandDefinition(
            "SELECT interval_us, timeout_us, burst_interval_us, burst_limit_us, rate_limit FROM schedules WHERE id = @Id",
            new { Id = scheduleId },
            cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var targets = await ReadTargetsAsync(connection, activeOnly: true, cancellationToken).ConfigureAwait(false);
        var row = rows[0];
        var burst = row is { BurstInterval: { } bi, BurstLimit: { } bl, RateLimit: { } rate }
            ? new BurstPolicy(UnixTime.DurationFromMicroseconds(bi), UnixTime.DurationFromMicroseconds(bl), rate)
            : BurstPolicy.Default;
        return (new Schedule(UnixTime.DurationFromMicroseconds(row.Interval), UnixTime.DurationFromMicroseconds(row.Timeout)) { Burst = burst }, targets);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Target>> ReadTargetsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadTargetsAsync(connection, activeOnly: false, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<TimeSpan> HeartbeatAsync(string vantageId, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Three readings; the one with the shortest round trip bounds the error best (as NTP does).
        // The server read its clock about halfway through that round trip.
        var best = TimeSpan.MaxValue;
        var local = DateTimeOffset.MinValue;
        var offset = TimeSpan.Zero;
        for (var i = 0; i < 3; i++)
        {
            var before = time.GetUtcNow();
            var start = time.GetTimestamp();
            var dbNow = await connection.ExecuteScalarAsync<long>(new CommandDefinition(_dialect.NowMicrosecondsSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var roundTrip = time.GetElapsedTime(start);
            if (roundTrip < best)
            {
                best = roundTrip;
                local = before + (roundTrip / 2);
                offset = UnixTime.FromMicroseconds(dbNow) - local;
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE vantage_points SET heartbeat_us = @Now, clock_offset_us = @Offset, last_seen_us = @Now WHERE id = @Id",
            new { Id = vantageId, Now = UnixTime.ToMicroseconds(local), Offset = UnixTime.ToMicroseconds(offset) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return offset;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkerStatus>> ReadWorkersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Id, long Heartbeat, long? Offset)>(new CommandDefinition(
            "SELECT id, heartbeat_us, clock_offset_us FROM vantage_points WHERE heartbeat_us IS NOT NULL ORDER BY id",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => new WorkerStatus(r.Id, UnixTime.FromMicroseconds(r.Heartbeat), UnixTime.DurationFromMicroseconds(r.Offset ?? 0)))];
    }

    /// <inheritdoc />
    public async Task<StoreStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<StatsRow>(new CommandDefinition(
            """
            SELECT s.vantage_id AS VantageId, s.target_id AS TargetId, c.Measurements, c.Answered, c.Discarded, c.FirstUs, c.LastUs
            FROM (SELECT series_id, COUNT(*) AS Measurements, SUM(CASE WHEN outcome = 0 THEN 1 ELSE 0 END) AS Answered, SUM(discarded) AS Discarded,
                    MIN(started_us) AS FirstUs, MAX(started_us) AS LastUs
                FROM measurements GROUP BY series_id) c
            JOIN series s ON s.id = c.series_id
            ORDER BY s.vantage_id, s.target_id
            """,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var rounds = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM rounds", cancellationToken: cancellationToken)).ConfigureAwait(false);
        var vantages = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM vantage_points", cancellationToken: cancellationToken)).ConfigureAwait(false);
        var targets = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM targets", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new StoreStats(
            rows.Select(r => new StoreStatsRow(r.VantageId, r.TargetId, r.Measurements, r.Answered, UnixTime.FromMicroseconds(r.FirstUs), UnixTime.FromMicroseconds(r.LastUs)) { Discarded = r.Discarded }).ToList(),
            rounds,
            vantages,
            targets);
    }

    /// <summary>
    /// Seals every series' UTC days that ended at or before <paramref name="before"/> and have no valid block:
    /// their rows packed into one value each (<c>series_blocks</c>), which the analysis reads in place of the rows.
    /// The rows stay; a day written again after sealing is read from its rows until it is sealed again.
    /// </summary>
    public Task<SealResult> SealAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        Sealing.SealAsync(_dialect, before, cancellationToken);

    /// <inheritdoc />
    public async Task<PruneResult> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var cut = UnixTime.ToMicroseconds(before);
        var dropped = new List<string>();
        // The blocks of the days cut into go first (a read meanwhile reads rows) and again after the rows,
        // in case a seal ran in between: the rollups stay, so a block's count would still match them.
        await using var connection = await _dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await Sealing.ForgetAsync(connection, cut, cancellationToken).ConfigureAwait(false);
        var measurements = await _dialect.PruneMeasurementsAsync(cut, dropped, cancellationToken).ConfigureAwait(false);
        await Sealing.ForgetAsync(connection, cut, cancellationToken).ConfigureAwait(false);
        // A round goes once it finished before the cut: every probe of it started before it finished, so none is left.
        var rounds = await connection.ExecuteAsync(new CommandDefinition("DELETE FROM rounds WHERE finished_us < @Cut", new { Cut = cut }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new PruneResult(before, measurements, rounds, dropped);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _writer.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<IReadOnlyList<Target>> ReadTargetsAsync(DbConnection connection, bool activeOnly, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<TargetRow>(new CommandDefinition(
            $"""
            SELECT id AS Id, provider AS Provider, address AS Address, port AS Port, kind AS Kind, transport AS Transport, qname AS QName,
                qclass AS QClass, qtype AS QType, recursion_desired AS Rd, identity_methods AS Identity, timeout_us AS TimeoutUs,
                sites AS Sites, probe_options AS ProbeOptions
            FROM targets {(activeOnly ? "WHERE active = 1 " : string.Empty)}ORDER BY id
            """,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(t => t.ToTarget())];
    }
}
