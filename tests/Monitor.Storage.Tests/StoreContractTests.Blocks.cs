using System.Data.Common;

using Monitor.Core.Analysis.Series;
using Monitor.Core.Domain;
using Monitor.Storage.Sql;
using Monitor.Testing;

namespace Monitor.Storage.Tests;

/// <summary>Sealed day blocks (<c>series_blocks</c>), on each database: read in place of rows, and only while they hold what the rows hold.</summary>
public abstract partial class StoreContractTests
{
    private static readonly DateTimeOffset AfterEveryDay = Some.Instant.AddDays(10);

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task SealAsync_ManyDays_ReadSeriesSameAsFromRows(bool allKinds, bool window)
    {
        var (store, dialect) = await OpenWithDialectAsync();
        await using var _ = store;
        await WriteShuffledAsync(store, OverDays());
        var query = MeasurementQuery.All with
        {
            AllKinds = allKinds,
            From = window ? Some.Instant.AddHours(-1) : null, // cuts into the first and the last day
            To = window ? Some.Instant.AddDays(2).AddMinutes(3) : null,
        };
        var fromRows = await ReadRowsOfSeriesAsync(store, query);
        var narrow = query with { From = Some.Instant.AddHours(11).AddMinutes(57), To = Some.Instant.AddHours(12).AddMinutes(3) }; // minutes of two days: read from rows
        var narrowFromRows = await ReadRowsOfSeriesAsync(store, narrow);

        var result = await store.SealAsync(AfterEveryDay, Ct);
        var again = await store.SealAsync(AfterEveryDay, Ct);

        Assert.True(result.Sealed >= 3 * 12, $"sealed {result.Sealed}");
        Assert.Equal(await CountAsync(dialect, "SELECT COUNT(*) FROM measurements"), result.Rows);
        Assert.Equal(0, again.Sealed);
        Assert.Equal(result.Sealed, again.AlreadySealed);
        Assert.Equal(fromRows, await ReadRowsOfSeriesAsync(store, query));
        Assert.NotEmpty(narrowFromRows);
        Assert.Equal(narrowFromRows, await ReadRowsOfSeriesAsync(store, narrow));

        // The rows gone, the blocks alone give the same series: the read does use them.
        await ExecuteAsync(dialect, "DELETE FROM measurements");
        Assert.Equal(fromRows, await ReadRowsOfSeriesAsync(store, query));
    }

    [Fact]
    public async Task SealAsync_OpenDay_LeftToRows()
    {
        var (store, dialect) = await OpenWithDialectAsync();
        await using var _ = store;
        await WriteShuffledAsync(store, OverDays());

        // Before the cut only the days that ended: the last day (Instant + 2 days) is still open.
        var result = await store.SealAsync(Some.Instant.AddDays(2), Ct);

        Assert.True(result.Sealed > 0);
        Assert.Equal(0, await CountAsync(dialect, $"SELECT COUNT(*) FROM series_blocks WHERE day_us >= {UnixTime.ToMicroseconds(Some.Instant.AddDays(1.5))}"));
    }

    [Fact]
    public async Task WriteRoundAsync_IntoSealedDay_ReadFromRowsUntilSealedAgain()
    {
        var (store, dialect) = await OpenWithDialectAsync();
        await using var _ = store;
        await WriteShuffledAsync(store, OverDays());
        await store.SealAsync(AfterEveryDay, Ct);

        // A spooled round written late into a sealed day.
        var late = Some.Measurement("vp-a", "t1", Some.Instant.AddDays(1).AddMinutes(30), rttMs: 77);
        var (round, rows) = Some.Round("vp-a", late.Started, late);
        Assert.Equal(1, await store.WriteRoundAsync(round, rows, Ct));
        var query = MeasurementQuery.All with { AllKinds = true };
        var read = await ReadRowsOfSeriesAsync(store, query);

        Assert.Contains(read, r => r.Item3 == late.Started && r.Item5 == TimeSpan.FromMilliseconds(77));
        Assert.Equal(await ReadRowsOfSeriesAsync(store, query, fromMeasurements: true), read);

        var resealed = await store.SealAsync(AfterEveryDay, Ct);
        Assert.Equal(1, resealed.Sealed);
        await ExecuteAsync(dialect, "DELETE FROM measurements");
        Assert.Equal(read, await ReadRowsOfSeriesAsync(store, query));
    }

    [Fact]
    public async Task PruneAsync_CutIntoSealedDay_ItsBlockGoesAndRowsAfterTheCutStay()
    {
        var (store, dialect) = await OpenWithDialectAsync();
        await using var _ = store;
        await WriteShuffledAsync(store, OverDays());
        var before = await ReadRowsOfSeriesAsync(store, MeasurementQuery.All with { AllKinds = true });
        await store.SealAsync(AfterEveryDay, Ct);
        var cut = Some.Instant.AddDays(1).AddMinutes(5);

        await store.PruneAsync(cut, Ct);
        var read = await ReadRowsOfSeriesAsync(store, MeasurementQuery.All with { AllKinds = true });
        var resealed = await store.SealAsync(AfterEveryDay, Ct);

        Assert.NotEmpty(read);
        Assert.Equal(before.Where(r => r.Item3 >= cut), read);
        Assert.Equal(0, await CountAsync(dialect, $"SELECT COUNT(*) FROM series_blocks WHERE day_us < {UnixTime.ToMicroseconds(cut)}"));
        Assert.True(resealed.Skipped > 0, "the day cut into has fewer rows than its rollups: not sealed");
    }

    [Fact]
    public async Task ReadSeriesAsync_DamagedBlock_ReadsThatDayFromRows()
    {
        var (store, dialect) = await OpenWithDialectAsync();
        await using var _ = store;
        await WriteShuffledAsync(store, OverDays());
        var query = MeasurementQuery.All with { AllKinds = true };
        var fromRows = await ReadRowsOfSeriesAsync(store, query);
        await store.SealAsync(AfterEveryDay, Ct);

        var truncate = dialect.Name == "sqlite" ? "substr(data, 1, length(data) - 3)" : "substring(data from 1 for length(data) - 3)";
        await ExecuteAsync(dialect, $"UPDATE series_blocks SET data = {truncate} WHERE series_id = (SELECT MIN(series_id) FROM series_blocks)");
        var unknown = dialect.Name == "sqlite" ? "x'0900'" : "'\\x0900'::bytea";
        await ExecuteAsync(dialect, $"UPDATE series_blocks SET data = {unknown} WHERE day_us = (SELECT MAX(day_us) FROM series_blocks)");

        Assert.Equal(fromRows, await ReadRowsOfSeriesAsync(store, query));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void DayBlock_CutShort_Refused(int cut)
    {
        var rows = new List<SeriesRow>
        {
            new() { Started = 1_000, Seq = 0, Round = 5, Outcome = 0, Kind = 0, Rtt = 12_345, Rcode = 0, IdServer = 3, HostnameBind = -1, Nsid = 4, Address = -1, Site = -1, Answers = -1 },
            new() { Started = 61_000, Seq = 2, Round = 9, Outcome = 1, Kind = 2, Rtt = -1, Rcode = -1, IdServer = -1, HostnameBind = -1, Nsid = -1, HasSoaSerial = true, SoaSerial = 2026120101, Address = 1, Site = 2, Answers = 3, Uid = Guid.NewGuid() },
        };
        var data = DayBlock.Encode(rows);
        var decoded = new List<SeriesRow>();

        DayBlock.Decode(data, long.MinValue, long.MaxValue, allKinds: true, decoded);
        Assert.Equal(rows, decoded);
        Assert.Throws<InvalidDataException>(() => DayBlock.Decode(data.AsSpan(0, data.Length - 1 - cut), long.MinValue, long.MaxValue, true, decoded));
        Assert.Throws<InvalidDataException>(() => DayBlock.Decode([.. data, 0], long.MinValue, long.MaxValue, true, decoded));
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(86_399_999_999L, 0L)]
    [InlineData(86_400_000_000L, 86_400_000_000L)]
    [InlineData(-1L, -86_400_000_000L)]
    public void DayBlock_DayOf_UtcDayStart(long us, long day) => Assert.Equal(day, DayBlock.DayOf(us));

    // Mixed rows over three UTC days: at noon, across midnight, and two days later (new ids for each copy).
    private static List<Measurement> OverDays()
    {
        var day = Mixed(["vp-b", "vp-a", "vp-c", "vp-d"], ["t2", "t1", "t3"], 240);
        var random = new Random(11);
        return [.. new[] { TimeSpan.Zero, TimeSpan.FromHours(12) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(2) }
            .SelectMany(shift => day.Select(m => m with { Started = m.Started + shift, Id = new Guid(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16), bigEndian: true) }))];
    }

    private async Task<(SqlMeasurementStore Store, SqlDialect Dialect)> OpenWithDialectAsync()
    {
        var dialect = await CreateDatabaseAsync();
        return (await SqlMeasurementStore.OpenAsync(dialect, TimeProvider.System, Ct), dialect);
    }

    private static async Task<List<(string, string, DateTimeOffset, ProbeOutcome, TimeSpan?, short, ProbeKind, ObservedIdentity, string?, long?, System.Net.IPAddress?, string?)>> ReadRowsOfSeriesAsync(
        SqlMeasurementStore store, MeasurementQuery query, bool fromMeasurements = false)
    {
        var series = fromMeasurements
            ? await ColumnarSeries.ReadAsync(store.ReadMeasurementsAsync(query with { Order = MeasurementOrder.Series }, Ct), new IdentityTable(), Ct).ToListAsync(Ct)
            : await store.ReadSeriesAsync(query, new IdentityTable(), Ct).ToListAsync(Ct);
        return [.. series.SelectMany(Rows)];
    }

    private static async Task ExecuteAsync(SqlDialect dialect, string sql)
    {
        await using var connection = await dialect.OpenAsync(Ct);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<long> CountAsync(SqlDialect dialect, string sql)
    {
        await using var connection = await dialect.OpenAsync(Ct);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
