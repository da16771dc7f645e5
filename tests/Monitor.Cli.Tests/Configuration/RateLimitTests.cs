using Monitor.Cli.Configuration;
using Monitor.Core.Domain;
using Monitor.Probing;

namespace Monitor.Cli.Tests.Configuration;

/// <summary>
/// The good-citizen guard: <c>rate_limit</c> (queries per second per target per vantage point,
/// default 1) refuses target sets that would probe a server faster. Parsing only, and the CLI
/// commands that load a set (run, server, targets) refusing it with one line and exit code 2.
/// </summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-rate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Parse_NoRateLimit_DefaultsToOneQueryPerSecond()
    {
        var config = ConfigLoader.Parse("interval: 30s\ntargets:\n  - {id: t, provider: P, address: 192.0.2.1, kind: anycast}\n", "ok.yaml");

        Assert.Equal(1.0, config.RateLimit);
        Assert.Equal(MonitorConfig.DefaultRateLimit, config.RateLimit);
    }

    [Theory]
    [InlineData("2", 2.0)]
    [InlineData("0.5", 0.5)]
    [InlineData("10", 10.0)]
    public void Parse_RateLimit_IsExposed(string text, double expected)
    {
        var config = ConfigLoader.Parse($"interval: 30s\nrate_limit: {text}\ntargets:\n  - {{id: t, provider: P, address: 192.0.2.1, kind: anycast}}\n", "ok.yaml");

        Assert.Equal(expected, config.RateLimit);
    }

    [Theory]
    // 1 query (id.server is the main query, NSID rides on it) every 1s is exactly the default limit.
    [InlineData("1s", "", "")]
    // 3 queries (main, id.server, hostname.bind) every 3s: exactly 1/s, not refused by rounding.
    [InlineData("3s", "query: {name: example.com}, identity: [nsid, id.server, hostname.bind]", "")]
    [InlineData("1s", "query: {name: example.com}", "rate_limit: 2\n")]
    [InlineData("1s", "identity: [nsid, id.server, hostname.bind]", "rate_limit: 2\n")]
    [InlineData("2s", "query: {name: example.com}", "")]
    public void Parse_AtOrUnderTheLimit_Accepted(string interval, string extra, string rateLine)
    {
        var fields = extra.Length == 0 ? string.Empty : ", " + extra;
        var yaml = $"interval: {interval}\ntimeout: 500ms\n{rateLine}targets:\n  - {{id: t, provider: P, address: 192.0.2.1, kind: anycast{fields}}}\n";

        var config = ConfigLoader.Parse(yaml, "ok.yaml");

        Assert.Single(config.Targets);
        Assert.True(ProbeCost.QueriesPerSecond(config.Targets[0], config.Interval) <= config.RateLimit);
    }

    [Theory]
    // query + id.server = 2 queries every second
    [InlineData("interval: 1s\ntimeout: 500ms\ntargets:\n  - {id: ok, provider: P, address: 192.0.2.1, kind: anycast}\n  - {id: fast, provider: P, address: 192.0.2.2, kind: anycast, query: {name: example.com}}\n", 5, "targets[1]", "target 'fast' would get 2 queries/s (2 queries (the main query and 1 identity query) every 1s), above the rate limit of 1 per second per target")]
    // id.server main query + hostname.bind = 2 every second
    [InlineData("interval: 1s\ntimeout: 500ms\ntargets:\n  - id: t\n    provider: P\n    address: 192.0.2.1\n    kind: anycast\n    identity: [nsid, id.server, hostname.bind]\n", 4, "targets[0]", "2 queries/s")]
    // a lower limit: 1 query every 1s is above 0.5/s
    [InlineData("interval: 1s\ntimeout: 500ms\nrate_limit: 0.5\ntargets:\n  - {id: t, provider: P, address: 192.0.2.1, kind: anycast}\n", 5, "targets[0]", "1 queries/s (1 query every 1s), above the rate limit of 0.5 per second")]
    // 3 queries every 2s
    [InlineData("interval: 2s\ntimeout: 500ms\ntargets:\n  - {id: t, provider: P, address: 192.0.2.1, kind: anycast, query: {name: .}, identity: [id.server, hostname.bind]}\n", 4, "targets[0]", "1.5 queries/s (3 queries (the main query and 2 identity queries) every 2s)")]
    // bad values of the key itself
    [InlineData("interval: 30s\nrate_limit: 0\n", 2, "rate_limit", "0 is not above 0")]
    [InlineData("interval: 30s\nrate_limit: -1\n", 2, "rate_limit", "-1 is out of range")]
    [InlineData("interval: 30s\nrate_limit: fast\n", 2, "rate_limit", "'fast' is not a number")]
    [InlineData("interval: 30s\nrate_limit: NaN\n", 2, "rate_limit", "out of range")]
    [InlineData("interval: 30s\nrate_limit: [1]\n", 2, "rate_limit", "found a list")]
    [InlineData("interval: 30s\nrate_limit:\n", 2, "rate_limit", "found no value")]
    [InlineData("interval: 30s\nrate-limit: 1\n", 2, "rate-limit", "unknown key; expected one of interval, timeout, rate_limit, resolve_every, vantage, targets")]
    public void Parse_OverTheLimitOrBadValue_Refused(string yaml, int line, string field, string phrase)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "probes/fast.yaml"));

        // The row's mistake is among the problems listed (a row without targets also gets "targets: missing").
        var problem = Assert.Single(ex.Problems, p => p.Line == line && p.Field == field);
        Assert.StartsWith($"probes/fast.yaml:{line}: {field}: ", problem.Message, StringComparison.Ordinal);
        Assert.Contains(phrase, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverTheLimit_SaysHowToRaiseIt()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(
            "interval: 1s\ntimeout: 500ms\ntargets:\n  - {id: t, provider: P, address: 192.0.2.1, kind: anycast, query: {name: example.com}, identity: [nsid, id.server, hostname.bind]}\n",
            "x.yaml"));

        Assert.Contains("3 queries/s", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lengthen 'interval', drop identity queries, or raise the limit at the top of the file with 'rate_limit: 3'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IdentityMethods.None, "id.server", 1)]
    [InlineData(IdentityMethods.Nsid, "example.com", 1)]
    [InlineData(IdentityMethods.Nsid | IdentityMethods.IdServer, "id.server", 1)]
    [InlineData(IdentityMethods.Nsid | IdentityMethods.IdServer, "example.com", 2)]
    [InlineData(IdentityMethods.IdServer | IdentityMethods.HostnameBind, "hostname.bind", 2)]
    [InlineData(IdentityMethods.Nsid | IdentityMethods.IdServer | IdentityMethods.HostnameBind, "example.com", 3)]
    public void QueriesPerProbe_CountsTheSeparateIdentityQueries(IdentityMethods identity, string name, int expected)
    {
        var query = name switch
        {
            "id.server" => DnsQuestion.IdServer,
            "hostname.bind" => DnsQuestion.HostnameBind,
            _ => new DnsQuestion(name, DnsClasses.IN, DnsTypes.A),
        };
        var target = new Target("t", System.Net.IPAddress.Loopback) { Provider = "P", Query = query, Identity = identity };

        Assert.Equal(expected, ProbeCost.QueriesPerProbe(target));
        Assert.Equal(expected / 2.0, ProbeCost.QueriesPerSecond(target, TimeSpan.FromSeconds(2)));
    }

    [Theory]
    [InlineData("run", true)]
    [InlineData("server", true)]
    [InlineData("targets", false)]
    public async Task Cli_TooFastConfig_OneLineAndExit2(string command, bool needsDb)
    {
        var path = Path.Combine(_directory, "fast.yaml");
        await File.WriteAllTextAsync(path, "interval: 1s\ntimeout: 500ms\ntargets:\n  - {id: t, provider: P, address: 127.0.0.1, port: 9, kind: unicast, query: {name: example.com}}\n", TestContext.Current.CancellationToken);
        var db = Path.Combine(_directory, "fast.db");
        string[] args = needsDb ? [command, "--config", path, "--db", db] : [command, "--config", path];

        var run = await CliRun.InProcessAsync(args);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"monitor {command}: {path}:4: targets[0]: target 't' would get 2 queries/s", line, StringComparison.Ordinal);
        Assert.Empty(run.OutputLines);
        Assert.False(File.Exists(db));
    }
}
