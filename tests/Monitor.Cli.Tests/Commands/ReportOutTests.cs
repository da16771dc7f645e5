using System.Diagnostics;
using System.Net;

using Monitor.Core.Domain;
using Monitor.Storage;
using Monitor.Storage.Sql;

namespace Monitor.Cli.Tests.Commands;

/// <summary><c>monitor report --out</c> into a directory that cannot take files: one line naming it, exit 2, no stack trace.</summary>
public sealed class ReportOutTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-report-out-").FullName;
    private string? _mounted;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (_mounted is not null)
        {
            Run("umount", _mounted);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static int Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>
    /// A directory no file can be created in: a read-only tmpfs as root (root writes through
    /// permission bits), mode 0555 otherwise.
    /// </summary>
    private string Unwritable()
    {
        var path = Path.Combine(_directory, "readonly");
        Directory.CreateDirectory(path);
        if (Environment.UserName == "root")
        {
            Assert.True(Run("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", path) == 0, "mount a read-only tmpfs");
            _mounted = path;
        }
        else if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return path;
    }

    private async Task<string> DatabaseAsync()
    {
        var db = Path.Combine(_directory, "m.db");
        await using var store = await SqlMeasurementStore.OpenAsync(new SqliteDialect(db), TimeProvider.System, Ct);
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        await store.UpsertTargetsAsync([new Target("t", IPAddress.Loopback) { Provider = "P" }], at, Ct);
        var measurement = new Measurement
        {
            Id = Guid.CreateVersion7(at),
            VantageId = "vp",
            TargetId = "t",
            Started = at,
            Outcome = ProbeOutcome.Answered,
            Rtt = TimeSpan.FromMilliseconds(3),
            Rcode = 0,
            Identity = new ObservedIdentity(IdentityValue.FromAscii("ams1"), null, null),
        };
        await store.WriteRoundAsync(new Round(Guid.NewGuid(), "vp", at, at, at.AddSeconds(1), 1, 1), [measurement], Ct);
        return db;
    }

    [Theory]
    [InlineData("")]
    [InlineData("sub")]
    public async Task Report_OutUnwritable_OneLineAndExit2(string below)
    {
        var db = await DatabaseAsync();
        var directory = Path.Combine(Unwritable(), below);

        var run = await CliRun.InProcessAsync("report", "--db", db, "--out", directory, "--format", "csv");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("monitor report: --out: cannot ", line, StringComparison.Ordinal);
        Assert.Contains(directory.TrimEnd('/'), line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_OutIsAFile_OneLineAndExit2()
    {
        var db = await DatabaseAsync();
        var file = Path.Combine(_directory, "a-file");
        await File.WriteAllTextAsync(file, "x", Ct);

        var run = await CliRun.InProcessAsync("report", "--db", db, "--out", Path.Combine(file, "sub"), "--format", "csv");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("monitor report: --out: cannot create", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
