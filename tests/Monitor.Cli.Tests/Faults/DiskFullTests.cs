using System.Diagnostics;
using System.Text;

using Microsoft.Data.Sqlite;

using Monitor.Testing;

namespace Monitor.Cli.Tests.Faults;

/// <summary>
/// The disk under the database, its spool and the scheduler's job storage fills up mid-run (a
/// 64 MiB tmpfs, filled to the last block by another file), then space comes back. Every round that
/// was probed reaches the database exactly once and whole, and the run ends normally (it used to
/// die with exit code 134 when the scheduler's job storage could not be written at shutdown).
/// Rounds keep being probed while the disk is full (slots Hangfire's job storage cannot start run
/// on the scheduler's local clock; rounds neither spool nor database can take wait in memory) and
/// after space returns. Needs root (mount).
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-diskfull-").FullName;
    private readonly string _mount;
    private bool _mounted;

    public DiskFullTests() => _mount = Path.Combine(_directory, "fs");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DiskFullMidRun_NoCrash_EveryProbedRoundStoredOnceAndWhole()
    {
        Mount("64m");
        await using var server = FakeDnsServer.Start(q => [new FakeReply(DnsMessageBuilder.ResponseTo(q).Txt(q.Name, q.QClass, "ams1").Build())]);
        var config = Path.Combine(_directory, "t.yaml");
        await File.WriteAllTextAsync(config, $"interval: 1s\ntimeout: 300ms\ntargets:\n  - {{id: t, provider: P, address: 127.0.0.1, port: {server.EndPoint.Port}, kind: unicast}}\n", Ct);
        var db = Path.Combine(_mount, "m.db");
        var filler = Path.Combine(_mount, "filler");

        using var process = CliRun.Start("run", "--config", config, "--duration", "18s", "--db", db);
        var output = new StringBuilder();
        var error = process.StandardError.ReadToEndAsync(Ct);
        var rounds = 0;
        while (rounds < 3 && await process.StandardOutput.ReadLineAsync(Ct) is { } line)
        {
            output.AppendLine(line);
            rounds += line.Contains("answered", StringComparison.Ordinal) ? 1 : 0;
        }

        var reader = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync(Ct) is { } line)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }, Ct);

        var filled = Fill(filler);
        await Task.Delay(6000, Ct); // six rounds with no space at all
        var freeWhileFull = new DriveInfo(_mount).AvailableFreeSpace;
        File.Delete(filler);
        var freed = DateTimeOffset.UtcNow;
        await process.WaitForExitAsync(Ct);
        await reader;
        var log = output + await error;

        Assert.True(filled > 0, "the filler wrote nothing");
        Assert.True(freeWhileFull < 64 * 1024, $"{freeWhileFull} bytes were still free");
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: {log}");
        var reported = log.Split('\n').Count(l => l.Contains(" answered ", StringComparison.Ordinal));

        await using var connection = new SqliteConnection($"Data Source={db};Pooling=false");
        await connection.OpenAsync(Ct);
        Assert.Equal("ok", await ScalarAsync(connection, "PRAGMA integrity_check"));
        var scheduled = new List<long>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT scheduled_us FROM rounds ORDER BY scheduled_us";
            await using var rows = await command.ExecuteReaderAsync(Ct);
            while (await rows.ReadAsync(Ct))
            {
                scheduled.Add(rows.GetInt64(0));
            }
        }

        // Losses = 0: every round the run reported as probed is stored, once, with all its measurements.
        Assert.Equal(reported, scheduled.Count);
        Assert.Equal(scheduled.Count, scheduled.Distinct().Count());
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM rounds r WHERE r.probes <> (SELECT COUNT(*) FROM measurements m WHERE m.round = r.number)"));
        Assert.Equal(scheduled.Count, (long)(await ScalarAsync(connection, "SELECT COUNT(*) FROM measurements WHERE outcome = 0"))!);

        var afterFreed = scheduled.Count(s => s > freed.ToUnixTimeMilliseconds() * 1000);
        var gaps = (int)((scheduled[^1] - scheduled[0]) / 1_000_000) + 1 - scheduled.Count;
        var summary = $"disk full: {scheduled.Count} rounds stored = {reported} reported, 0 lost, 0 duplicated, {gaps} slot(s) not run, {afterFreed} round(s) after space came back";
        TestContext.Current.SendDiagnosticMessage(summary);

        // Measuring goes on while the disk is full (the scheduler's local clock runs the slots its job
        // storage cannot; the rounds wait in memory) and after space comes back.
        Assert.True(afterFreed >= 3, summary + "\n" + log);
        Assert.True(gaps <= 2, summary + "\n" + log);
        Assert.DoesNotContain("are lost", log, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (_mounted)
        {
            Run("umount", "-l", _mount);
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }

    private static long Fill(string path)
    {
        var block = new byte[64 * 1024];
        long written = 0;
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        try
        {
            while (true)
            {
                stream.Write(block);
                written += block.Length;
            }
        }
        catch (IOException)
        {
            // ENOSPC; now fill the last partial block
        }

        var small = new byte[512];
        try
        {
            while (true)
            {
                stream.Write(small);
                stream.Flush();
                written += small.Length;
            }
        }
        catch (IOException)
        {
        }

        return written;
    }

    private void Mount(string size)
    {
        if (Environment.UserName != "root")
        {
            if (Requires.InCi)
            {
                Assert.Fail("the disk-full test mounts a tmpfs and needs root");
            }

            Assert.Skip("the disk-full test mounts a tmpfs and needs root");
        }

        Directory.CreateDirectory(_mount);
        Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", _mount);
        _mounted = true;
    }

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {error}");
        }
    }
}
