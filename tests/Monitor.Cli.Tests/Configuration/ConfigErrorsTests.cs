using System.Globalization;
using System.Text;

using Monitor.Cli.Configuration;

namespace Monitor.Cli.Tests.Configuration;

/// <summary>
/// A configuration with several mistakes lists all of them, each <c>file:line: field: message</c>,
/// in file order and at most <see cref="ConfigException.MaxProblems"/>, then the command exits 2.
/// </summary>
public sealed class ConfigErrorsTests : IDisposable
{
    /// <summary>Four mistakes: an unknown top key, a bad timeout, a bad address, a bad port and kind in another target.</summary>
    private const string FourMistakes = """
        interval: 30s
        timeout: 5x
        colour: blue
        targets:
          - {id: a, provider: P, address: 999.1.1.1, kind: unicast}
          - {id: b, provider: P, address: 127.0.0.1, port: 70000, kind: sideways}
          - {id: c, provider: P, address: 127.0.0.1, kind: unicast}
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-config-errors-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Parse_SeveralMistakes_AllListedInFileOrder()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(FourMistakes, "t.yaml"));

        Assert.Equal(
            [(2, "timeout"), (3, "colour"), (5, "targets[0].address"), (6, "targets[1].kind"), (6, "targets[1].port")],
            ex.Problems.Select(p => (p.Line ?? 0, p.Field ?? string.Empty)).ToList());
        Assert.Equal(5, ex.Message.Split('\n').Length);
        Assert.All(ex.Message.Split('\n'), l => Assert.Matches(@"^t\.yaml:\d+: [a-z_\[\]0-9.]+: \S", l));
    }

    [Fact]
    public void Parse_OneMistake_IsThatOneProblem()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("interval: 30s\ntargets:\n  - {id: a, provider: P, address: 127.0.0.1, kind: nope}\n", "t.yaml"));

        Assert.Same(ex, Assert.Single(ex.Problems));
        Assert.Equal((3, "targets[0].kind"), (ex.Line, ex.Field));
    }

    [Fact]
    public void Parse_DuplicateAndBadTargets_BothReported()
    {
        const string Yaml = "interval: 30s\ntargets:\n  - {id: a, provider: P, address: 127.0.0.1, kind: unicast}\n  - {id: a, provider: P, address: 127.0.0.1, kind: unicast}\n  - {id: z, provider: P, address: 127.0.0.1, kind: unicast, port: zero}\n";

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(Yaml, "t.yaml"));

        Assert.Equal(["targets[1].id", "targets[2].port"], ex.Problems.Select(p => p.Field));
    }

    [Fact]
    public void Parse_MoreThanTwentyMistakes_TwentyListedAndTheRestCounted()
    {
        var yaml = new StringBuilder("interval: 30s\ntargets:\n");
        for (var i = 0; i < 25; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - {{id: t{i}, provider: P, address: 127.0.0.1, kind: unicast, port: {70000 + i}}}\n");
        }

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml.ToString(), "t.yaml"));

        Assert.Equal(ConfigException.MaxProblems, ex.Problems.Count);
        var lines = ex.Message.Split('\n');
        Assert.Equal(21, lines.Length);
        Assert.Equal("t.yaml: 5 more problem(s) not listed", lines[^1]);
    }

    [Fact]
    public async Task Cli_SeveralMistakes_EveryOneOnItsOwnLineAndExit2()
    {
        var path = Path.Combine(_directory, "bad.yaml");
        await File.WriteAllTextAsync(path, FourMistakes, TestContext.Current.CancellationToken);

        var run = await CliRun.InProcessAsync("targets", "--config", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Equal(5, run.ErrorLines.Length);
        Assert.All(run.ErrorLines, l => Assert.StartsWith($"monitor targets: {path}:", l, StringComparison.Ordinal));
        Assert.Contains(run.ErrorLines, l => l.StartsWith($"monitor targets: {path}:5: targets[0].address: '999.1.1.1'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cli_SiteRulesWithSeveralMistakes_AllListed()
    {
        var path = Path.Combine(_directory, "sites.yaml");
        await File.WriteAllTextAsync(path, "- {name: a, pattern: '(?<code>[a-z]{3})', kind: iata, colour: red}\n- {name: b, pattern: '(?<code>[a-z]{3})', kind: nope}\n", TestContext.Current.CancellationToken);

        var ex = Assert.Throws<ConfigException>(() => SiteRulesLoader.Parse(File.ReadAllText(path), path));

        Assert.Equal(["[0].colour", "[1].kind"], ex.Problems.Select(p => p.Field));
    }
}
