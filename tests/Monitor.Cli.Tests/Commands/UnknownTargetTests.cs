using System.Net;

using Monitor.Core.Domain;
using Monitor.Storage;
using Monitor.Storage.Sql;

namespace Monitor.Cli.Tests.Commands;

/// <summary><c>analyze --target ID</c> with an id the database does not know: an error naming the known ones, exit 2.</summary>
public sealed class UnknownTargetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-unknown-target-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<string> DatabaseAsync(params string[] targets)
    {
        var db = Path.Combine(_directory, "m.db");
        await using var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(db), TimeProvider.System, Ct);
        await store.UpsertTargetsAsync([.. targets.Select(t => new Target(t, IPAddress.Loopback) { Provider = "P" })], DateTimeOffset.UnixEpoch, Ct);
        return db;
    }

    [Fact]
    public async Task Analyze_UnknownTarget_NamesTheKnownOnesAndExit2()
    {
        var db = await DatabaseAsync("quad9-v4", "cloudflare-v4");

        var run = await CliRun.InProcessAsync("analyze", "--db", db, "--target", "nosuch");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal("monitor analyze: --target: unknown target 'nosuch'; known: cloudflare-v4, quad9-v4", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Analyze_UnknownTargetInEmptyDatabase_SaysItHasNone()
    {
        var db = await DatabaseAsync();

        var run = await CliRun.InProcessAsync("analyze", "--db", db, "--target", "nosuch", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the database has no targets", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_KnownTargetWithoutMeasurements_NotAnError()
    {
        var db = await DatabaseAsync("quad9-v4");

        var run = await CliRun.InProcessAsync("analyze", "--db", db, "--target", "quad9-v4");

        Assert.Equal(1, run.ExitCode); // ran, nothing answered
        Assert.DoesNotContain("unknown target", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_ManyTargets_ListCapped()
    {
        var db = await DatabaseAsync([.. Enumerable.Range(0, 25).Select(i => $"t{i:00}")]);

        var run = await CliRun.InProcessAsync("analyze", "--db", db, "--target", "nosuch");

        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("t19 and 5 more", line, StringComparison.Ordinal);
        Assert.DoesNotContain("t20", line, StringComparison.Ordinal);
    }
}
