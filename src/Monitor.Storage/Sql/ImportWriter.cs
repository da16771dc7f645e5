using System.Data.Common;

using Dapper;

using Monitor.Core.Domain;

namespace Monitor.Storage.Sql;

/// <summary>
/// The store's <see cref="IImportLog"/>: one transaction per batch for vantage points (filled in,
/// never erased), measurements (through the dialect's bulk path, stored ids skipped) and their
/// Atlas origins.
/// </summary>
internal sealed class ImportWriter(SqlDialect dialect, LeanWriter writer)
{
    public async Task<int> WriteAsync(IReadOnlyCollection<VantagePoint> vantagePoints, IReadOnlyList<Measurement> measurements, IReadOnlyList<MeasurementOrigin> origins, DateTimeOffset seen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vantagePoints);
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(origins);
        await dialect.PrepareAsync(measurements.Select(m => UnixTime.ToMicroseconds(m.Started)), cancellationToken).ConfigureAwait(false);
        return await writer.WriteAsync(
            async (connection, transaction) =>
            {
                var at = UnixTime.ToMicroseconds(seen);
                foreach (var v in vantagePoints)
                {
                    await UpsertVantageAsync(connection, transaction, v, at, cancellationToken).ConfigureAwait(false);
                }

                // Idempotence by the measurements' own (stable) ids: only those not imported before are written,
                // each once however often it appears in the batch.
                var claimed = await dialect.ClaimImportedAsync(connection, transaction, [.. measurements.Select(m => m.Id)], cancellationToken).ConfigureAwait(false);
                var fresh = measurements.Where(m => claimed.Remove(m.Id)).ToList();
                var inserted = await writer.InsertAsync(connection, transaction, fresh, keepIds: true, round: null, cancellationToken).ConfigureAwait(false);
                await dialect.InsertOriginsAsync(connection, transaction, origins, cancellationToken).ConfigureAwait(false);
                return inserted;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task UpsertVantageAsync(DbConnection connection, DbTransaction transaction, VantagePoint v, long at, CancellationToken cancellationToken)
    {
        // COALESCE(new, old): an import without probe metadata never erases what an earlier one stored.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO vantage_points (id, city, country, latitude, longitude, asn, asn_v6, is_anchor, first_seen_us, last_seen_us)
            VALUES (@Id, @City, @Country, @Latitude, @Longitude, @Asn, @AsnV6, @IsAnchor, @Seen, @Seen)
            ON CONFLICT (id) DO UPDATE SET
                city = COALESCE(excluded.city, vantage_points.city),
                country = COALESCE(excluded.country, vantage_points.country),
                latitude = COALESCE(excluded.latitude, vantage_points.latitude),
                longitude = COALESCE(excluded.longitude, vantage_points.longitude),
                asn = COALESCE(excluded.asn, vantage_points.asn),
                asn_v6 = COALESCE(excluded.asn_v6, vantage_points.asn_v6),
                is_anchor = COALESCE(excluded.is_anchor, vantage_points.is_anchor),
                last_seen_us = CASE WHEN excluded.last_seen_us > vantage_points.last_seen_us THEN excluded.last_seen_us ELSE vantage_points.last_seen_us END
            """,
            new
            {
                v.Id,
                v.City,
                v.Country,
                v.Latitude,
                v.Longitude,
                v.Asn,
                v.AsnV6,
                IsAnchor = v.IsAnchor is { } anchor ? (short?)(anchor ? 1 : 0) : null,
                Seen = at,
            },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<Guid, MeasurementOrigin>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT measurement_id, msm_id, prb_id, probe_address FROM atlas_origins";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var origins = new Dictionary<Guid, MeasurementOrigin>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = dialect.ReadGuid(reader, 0);
            origins[id] = new MeasurementOrigin(id, reader.GetInt64(1), reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        }

        return origins;
    }
}
