using System.Text.Json;

using Microsoft.Data.Sqlite;

using Monitor.Storage.Sql;

namespace Monitor.Cli.Tests.Commands;

/// <summary><c>monitor db seal</c>: closed days packed, analysis unchanged, idempotent, bad input refused.</summary>
public sealed class DbSealCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-seal-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Seal_ClosedDays_PackedOnceAndAnalysisUnchanged()
    {
        var db = Path.Combine(_directory, "m.db");
        await DbPruneCommandTests.SeedAsync(new SqliteDialect(db)); // three closed days per series, and today
        var before = await CliRun.InProcessAsync("analyze", "--db", db, "--json");

        var text = await CliRun.InProcessAsync("db", "seal", "--db", db);
        var json = await CliRun.InProcessAsync("db", "seal", "--db", db, "--json");
        var after = await CliRun.InProcessAsync("analyze", "--db", db, "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Matches(@"sealed [68] series-day\(s\) before \d{4}-\d\d-\d\dT00:00:00\.000Z, [68] row\(s\)", text.Output);
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Output);
        Assert.Equal(0, doc.RootElement.GetProperty("sealed").GetInt32());
        Assert.InRange(doc.RootElement.GetProperty("already_sealed").GetInt32(), 6, 8);
        Assert.Equal(0, before.ExitCode);
        Assert.Equal(before.Output, after.Output);
    }

    [Fact]
    public async Task Seal_MissingDatabase_ExitsTwo()
    {
        var run = await CliRun.InProcessAsync("db", "seal", "--db", Path.Combine(_directory, "none.db"));

        Assert.Equal(2, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(_directory, "none.db")));
    }
}
