using System.Diagnostics;

using Monitor.Testing;

namespace Monitor.Cli.Tests.Commands;

/// <summary>
/// PostgreSQL connection strings (<c>--db</c>, <c>--db @FILE</c>, <c>MONITOR_DB</c>) may hold a
/// password; it never appears in an error or in what the commands print, whether the server is
/// unreachable, the string is malformed, the password is wrong or all is well (a real PostgreSQL
/// with SCRAM authentication for one role).
/// </summary>
public sealed class SecretsTests : IClassFixture<SecretsTests.Server>, IDisposable
{
    private const string Secret = "S3cret-hunter2-pw";
    private readonly Server _server;
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-secrets-").FullName;

    public SecretsTests(Server server) => _server = server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Unreachable() => $"Host=127.0.0.1;Port={NsdServer.FreePort()};Username=monitor;Password={Secret};Database=monitor;Timeout=3";

    private async Task<string> ConfigAsync()
    {
        var path = Path.Combine(_directory, "t.yaml");
        await File.WriteAllTextAsync(path, "interval: 30s\ntargets:\n  - {id: t, provider: P, address: 127.0.0.1, port: 9, kind: unicast}\n", Ct);
        return path;
    }

    private static void AssertRedactedBadInput(CliRun run)
    {
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("--db", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.Error + run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=", run.Error + run.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("db", "stats")]
    [InlineData("analyze")]
    [InlineData("worker", "--vantage", "x", "--duration", "5s")]
    [InlineData("server", "--config", "{config}", "--duration", "5s")]
    public async Task UnreachableServer_OneRedactedLineAndExit2(params string[] command)
    {
        var config = await ConfigAsync();
        string[] args = [.. command.Select(a => a == "{config}" ? config : a), "--db", Unreachable()];

        var run = await CliRun.InProcessAsync(args);

        AssertRedactedBadInput(run);
        Assert.Contains("cannot use the PostgreSQL database monitor on 127.0.0.1", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableServerFromAtFile_Redacted()
    {
        var file = Path.Combine(_directory, "db.conn");
        await File.WriteAllTextAsync(file, Unreachable(), Ct);

        AssertRedactedBadInput(await CliRun.InProcessAsync("db", "stats", "--db", "@" + file));
    }

    [Fact]
    public async Task UnreachableServerFromEnvironment_Redacted()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "monitor.dll"), "worker", "--vantage", "x", "--duration", "5s" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["MONITOR_DB"] = Unreachable();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);

        AssertRedactedBadInput(new CliRun(process.ExitCode, await output, await error));
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=abc;Password=" + Secret)]
    [InlineData("Host=127.0.0.1;Password=" + Secret + ";Bogus=" + Secret)]
    [InlineData("Host=127.0.0.1;Password='" + Secret + "';Timeout=never")]
    public async Task MalformedConnectionString_Redacted(string db) =>
        AssertRedactedBadInput(await CliRun.InProcessAsync("db", "stats", "--db", db));

    [Fact]
    public async Task WrongPassword_RealServer_SaysAuthenticationFailedWithoutEitherPassword()
    {
        var wrong = _server.ConnectionString.Replace(Secret, "Wr0ng-" + Secret, StringComparison.Ordinal);

        var run = await CliRun.InProcessAsync("db", "stats", "--db", wrong);

        AssertRedactedBadInput(run);
        Assert.Contains("password authentication failed", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Wr0ng", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RightPassword_ServerAndDbStatsRunAndPrintNoPassword()
    {
        var config = await ConfigAsync();

        var server = await CliRun.ProcessAsync("server", "--config", config, "--db", _server.ConnectionString, "--duration", "2s");
        var stats = await CliRun.InProcessAsync("db", "stats", "--db", _server.ConnectionString);

        Assert.Equal(0, server.ExitCode);
        Assert.Contains("SERVER 1 target(s)", server.Output, StringComparison.Ordinal);
        Assert.Equal(0, stats.ExitCode);
        Assert.Contains("PostgreSQL database", stats.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, server.Output + server.Error + stats.Output + stats.Error, StringComparison.Ordinal);
    }

    /// <summary>One PostgreSQL with a password role for the class.</summary>
    public sealed class Server : IDisposable
    {
        private PostgresServer? _postgres;
        private string? _connection;

        public string ConnectionString => _connection ??= (_postgres ??= PostgresServer.Start()).CreatePasswordUser("monitor_pw", Secret);

        public void Dispose() => _postgres?.Dispose();
    }
}
