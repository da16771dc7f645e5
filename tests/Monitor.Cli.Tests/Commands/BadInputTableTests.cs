using System.Reflection;

using Monitor.Cli.Configuration;
using Monitor.Cli.Tests.Configuration;

namespace Monitor.Cli.Tests.Commands;

/// <summary>
/// The error contract through the real CLI: bad input gives one line on stderr (a configuration: one
/// line per problem), nothing on stdout, and exit code 2. Every bad configuration of the loader's tables (<see cref="ConfigLoaderTests"/>,
/// <see cref="RateLimitTests"/>) is run through <c>monitor targets --config FILE</c>, and a table of bad
/// arguments covers every subcommand. No row sends a packet or opens a database.
/// </summary>
public sealed class BadInputTableTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-badinput-").FullName;

    public static TheoryData<string, int, string?> BadConfigs()
    {
        var data = new TheoryData<string, int, string?>();
        foreach (var (type, method) in new[] { (typeof(ConfigLoaderTests), "Parse_Invalid_NamesLineFieldAndProblem"), (typeof(RateLimitTests), "Parse_OverTheLimitOrBadValue_Refused") })
        {
            foreach (var row in type.GetMethod(method)!.GetCustomAttributes<InlineDataAttribute>())
            {
                var values = row.Data;
                data.Add((string)values[0]!, (int)values[1]!, (string?)values[2]);
            }
        }

        return data;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void BadConfigs_TableHasAtLeastThirtyRows() => Assert.True(BadConfigs().Count >= 30, $"{BadConfigs().Count} rows");

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public async Task BadConfig_ThroughTheCli_OneLineNamingFileLineFieldAndExit2(string yaml, int line, string? field)
    {
        var path = Path.Combine(_directory, "bad.yaml");
        await File.WriteAllTextAsync(path, yaml, TestContext.Current.CancellationToken);

        var run = await CliRun.InProcessAsync("targets", "--config", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);

        // One line per problem (a row without targets also gets "targets: missing"), the row's among them.
        Assert.InRange(run.ErrorLines.Length, 1, ConfigException.MaxProblems + 1);
        Assert.All(run.ErrorLines, l => Assert.Matches($@"^monitor targets: {System.Text.RegularExpressions.Regex.Escape(path)}:\d+: ", l));
        Assert.Single(run.ErrorLines, l => l.StartsWith(field is null ? $"monitor targets: {path}:{line}: " : $"monitor targets: {path}:{line}: {field}: ", StringComparison.Ordinal));
    }

    [Theory]
    // run
    [InlineData("Option '--config' is required", "run")]
    [InlineData("missing.yaml: no such file", "run", "--config", "{dir}/missing.yaml")]
    [InlineData("cannot read the file", "run", "--config", "{dir}")]
    [InlineData("--rounds must be 1 or more", "run", "--config", "{ok}", "--rounds", "0")]
    [InlineData("--rounds: 'abc' is not a whole number", "run", "--config", "{ok}", "--rounds", "abc")]
    [InlineData("--rounds must be 1 or more", "run", "--config", "{ok}", "--rounds", "99999999999")]
    [InlineData("--duration: '5x' has an unknown unit 'x'", "run", "--config", "{ok}", "--duration", "5x")]
    [InlineData("--duration: must be longer than zero", "run", "--config", "{ok}", "--duration", "0s")]
    [InlineData("--db: the directory", "run", "--config", "{ok}", "--db", "{dir}/no/such/dir/x.db", "--rounds", "1")]
    [InlineData("--report: cannot create the directory", "run", "--config", "{ok}", "--db", "{dir}/r.db", "--report", "{ok}/sub", "--rounds", "1")]
    [InlineData("unknown option '--bogus'", "run", "--config", "{ok}", "--bogus")]
    // worker
    [InlineData("Option '--vantage' is required", "worker", "--db", "{dir}/w.db")]
    [InlineData("--vantage: 'AMS' must match", "worker", "--vantage", "AMS", "--db", "{dir}/w.db")]
    [InlineData("--latitude must be -90 to 90", "worker", "--vantage", "x", "--latitude", "91", "--db", "{dir}/w.db")]
    [InlineData("--latitude: 'north' is not a number", "worker", "--vantage", "x", "--latitude", "north", "--db", "{dir}/w.db")]
    [InlineData("--longitude must be -180 to 180", "worker", "--vantage", "x", "--longitude", "-180.5", "--db", "{dir}/w.db")]
    [InlineData("--asn must be an AS number", "worker", "--vantage", "x", "--asn", "-5", "--db", "{dir}/w.db")]
    [InlineData("--asn: 'AS3333' is not a whole number", "worker", "--vantage", "x", "--asn", "AS3333", "--db", "{dir}/w.db")]
    [InlineData("--concurrency must be 1 to 64", "worker", "--vantage", "x", "--concurrency", "0", "--db", "{dir}/w.db")]
    [InlineData("--concurrency: 'many' is not a whole number", "worker", "--vantage", "x", "--concurrency", "many", "--db", "{dir}/w.db")]
    [InlineData("--duration: 'forever' is not a duration", "worker", "--vantage", "x", "--duration", "forever", "--db", "{dir}/w.db")]
    [InlineData("--db: cannot read '", "worker", "--vantage", "x", "--db", "@{dir}/no-such-file")]
    // server
    [InlineData("Option '--config' is required", "server", "--db", "{dir}/s.db")]
    [InlineData("--duration: must be longer than zero", "server", "--config", "{ok}", "--db", "{dir}/s.db", "--duration", "0s")]
    [InlineData("no such file", "server", "--config", "{dir}/missing.yaml", "--db", "{dir}/s.db")]
    // targets, db, analyze, report, probe
    [InlineData("no such file", "targets", "--config", "{dir}/missing.yaml")]
    [InlineData("--db: give a database (Host=… or a SQLite path), @FILE, or set MONITOR_DB", "db", "stats")]
    [InlineData("--db: no database at", "db", "stats", "--db", "{dir}/missing.db")]
    [InlineData("is not a usable SQLite database", "db", "stats", "--db", "{notadb}")]
    [InlineData("Required command was not provided", "db")]
    [InlineData("is not a usable SQLite database", "analyze", "--db", "{notadb}")]
    [InlineData("no such file", "analyze", "--db", "{dir}/x.db", "--sites", "{dir}/missing.yaml")]
    [InlineData("Option '--out' is required", "report", "--db", "{dir}/x.db")]
    [InlineData("is not a usable SQLite database", "report", "--db", "{notadb}", "--out", "{dir}/o")]
    [InlineData("--count: 'abc' is not a whole number", "probe", "127.0.0.1", "--count", "abc")]
    [InlineData("--count: 'x' is not a whole number", "probe", "127.0.0.1", "-c", "x")]
    [InlineData("--port: 'abc' is not a whole number", "probe", "127.0.0.1", "--port", "abc")]
    [InlineData("--interval must be longer than zero", "probe", "127.0.0.1", "--interval", "0s")]
    [InlineData("--db: not a usable PostgreSQL connection string", "db", "stats", "--db", "Host=127.0.0.1;Port=abc")]
    public async Task BadArguments_OneLineAndExit2(string expected, params string[] args)
    {
        var ok = Path.Combine(_directory, "ok.yaml");
        await File.WriteAllTextAsync(ok, "interval: 30s\ntargets:\n  - {id: t, provider: P, address: 127.0.0.1, port: 9, kind: unicast}\n", TestContext.Current.CancellationToken);
        var notADatabase = Path.Combine(_directory, "text.db");
        await File.WriteAllTextAsync(notADatabase, "not a database, just text\n", TestContext.Current.CancellationToken);
        var expanded = args.Select(a => a.Replace("{dir}", _directory, StringComparison.Ordinal).Replace("{ok}", ok, StringComparison.Ordinal).Replace("{notadb}", notADatabase, StringComparison.Ordinal)).ToArray();
        var before = Directory.GetFileSystemEntries(_directory).Order(StringComparer.Ordinal).ToList();

        var run = await CliRun.InProcessAsync(expanded);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("monitor", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);

        // Refused before doing anything: no database, spool or report left behind.
        Assert.Equal(before, Directory.GetFileSystemEntries(_directory).Order(StringComparer.Ordinal).ToList());
    }
}
