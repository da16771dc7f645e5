using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

using Monitor.Cli.Commands;

namespace Monitor.Cli.Tests.Commands;

/// <summary>
/// <c>--help</c> shows every default the way a user types it, and every default it shows parses back
/// to that very default. The walk covers every command and every option, so a new option with a
/// default whose text the parser refuses fails here.
/// </summary>
public sealed partial class HelpDefaultsTests
{
    /// <summary>Every command's path below <c>monitor</c>, e.g. ["db", "stats"].</summary>
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _) in Paths(MonitorApp.Build(TimeProvider.System), []))
        {
            data.Add(string.Join(' ', path));
        }

        return data;
    }

    private static IEnumerable<(string[] Path, Command Command)> Paths(Command command, string[] path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands)
        {
            foreach (var p in Paths(sub, [.. path, sub.Name]))
            {
                yield return p;
            }
        }
    }

    private static Command Find(RootCommand root, string[] path) =>
        path.Aggregate((Command)root, (c, name) => c.Subcommands.Single(s => s.Name == name));

    /// <summary>The options a help text shows a default for: name → shown default.</summary>
    private static Dictionary<string, string> ShownDefaults(string help)
    {
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in OptionRow().Matches(help))
        {
            shown[m.Groups["name"].Value] = m.Groups["value"].Value;
        }

        return shown;
    }

    /// <summary>Errors the parser reported for <paramref name="option"/> (on the option or on its argument).</summary>
    private static List<string> ErrorsOf(ParseResult parsed, Option option) =>
        [.. parsed.Errors
            .Where(e => e.SymbolResult is OptionResult o && o.Option == option || e.SymbolResult is ArgumentResult { Parent: OptionResult p } && p.Option == option)
            .Select(e => e.Message)];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EveryShownDefault_ParsesBackToTheDefault(string command)
    {
        var path = command.Length == 0 ? [] : command.Split(' ');
        var help = await CliRun.InProcessAsync([.. path, "--help"]);
        Assert.Equal(0, help.ExitCode);
        var shown = ShownDefaults(help.Output);
        var root = MonitorApp.Build(TimeProvider.System);
        var options = Find(root, path).Options;

        // Every option with a default (flags aside) shows it, as text registered for the purpose.
        foreach (var option in options.Where(o => o.HasDefaultValue && o.ValueType != typeof(bool)))
        {
            Assert.True(shown.ContainsKey(option.Name), $"{command} {option.Name}: no [default: …] in help:\n{help.Output}");
        }

        foreach (var (name, text) in shown)
        {
            var option = options.Single(o => o.Name == name);
            var parsed = root.Parse([.. path, name, text]);
            Assert.True(ErrorsOf(parsed, option).Count == 0, $"{command} {name} {text}: {string.Join("; ", ErrorsOf(parsed, option))}");
            Assert.Equal(option.GetDefaultValue(), parsed.GetResult(option)!.GetValueOrDefault<object>());
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_EveryChoiceInALabel_IsAccepted(string command)
    {
        var path = command.Length == 0 ? [] : command.Split(' ');
        var help = await CliRun.InProcessAsync([.. path, "--help"]);
        var root = MonitorApp.Build(TimeProvider.System);
        var options = Find(root, path).Options;
        foreach (Match m in ChoiceLabel().Matches(help.Output))
        {
            var option = options.Single(o => o.Name == m.Groups["name"].Value);
            foreach (var choice in m.Groups["choices"].Value.Split('|'))
            {
                var parsed = root.Parse([.. path, option.Name, choice]);
                Assert.True(ErrorsOf(parsed, option).Count == 0, $"{command} {option.Name} {choice}: {string.Join("; ", ErrorsOf(parsed, option))}");
            }
        }
    }

    [Theory]
    [InlineData("probe", "--interval", "1s")]
    [InlineData("probe", "--timeout", "2s")]
    [InlineData("probe", "--qclass", "CH")]
    [InlineData("probe", "--qtype", "TXT")]
    [InlineData("probe", "--identity", "nsid,id.server")]
    [InlineData("probe", "--count", "10")]
    [InlineData("analyze", "--soa-lag", "10m")]
    [InlineData("analyze", "--group-by", "vantage")]
    public async Task Help_Default_ShownAsTyped(string command, string option, string expected)
    {
        var help = await CliRun.InProcessAsync(command, "--help");

        Assert.Equal(expected, ShownDefaults(help.Output)[option]);
    }

    [Fact]
    public async Task Help_Probe_NoTimeSpanNumberOrEnumNames()
    {
        var help = (await CliRun.InProcessAsync("probe", "--help")).Output;

        Assert.DoesNotContain("00:00:", help, StringComparison.Ordinal);
        Assert.DoesNotContain("[default: 3]", help, StringComparison.Ordinal);
        Assert.DoesNotContain("[default: 16]", help, StringComparison.Ordinal);
        foreach (var name in new[] { "IdServer", "HostnameBind", "Nsid,", "Https", "Udp", "Fresh", "Post" })
        {
            Assert.DoesNotContain(name, help, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("id.server")]
    [InlineData("hostname.bind")]
    [InlineData("nsid")]
    [InlineData("none")]
    [InlineData("nsid,id.server,hostname.bind")]
    public void Identity_DocumentedSpelling_Accepted(string value)
    {
        var root = MonitorApp.Build(TimeProvider.System);
        var probe = Find(root, ["probe"]);
        var identity = probe.Options.Single(o => o.Name == "--identity");

        var parsed = root.Parse(["probe", "127.0.0.1", "--identity", value]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(value, Monitor.Core.Text.IdentityText.Format((Monitor.Core.Domain.IdentityMethods)parsed.GetResult(identity)!.GetValueOrDefault<object>()!));
    }

    [Fact]
    public void HelpDefaults_Rewrite_WrappedRow_StillRewritten()
    {
        var option = HelpDefaults.Show(new Option<TimeSpan>("--pause") { DefaultValueFactory = _ => TimeSpan.FromSeconds(5) }, "5s");
        var command = new Command("x") { option };
        const string Help = "Options:\n  --pause <pause>  A long description that the help builder wrapped [default:\n                   00:00:05]\n  --other          [default: 00:00:05]\n";

        var rewritten = HelpDefaults.Rewrite(Help, command);

        Assert.Contains("[default:\n                   5s]", rewritten, StringComparison.Ordinal);
        Assert.Contains("--other          [default: 00:00:05]", rewritten, StringComparison.Ordinal); // another option's row is left alone
    }

    [GeneratedRegex(@"^\s+(?:-\S+, )*(?<name>--[a-z0-9-]+)(?: <[^>]+>)?\s.*?\[default: (?<value>[^\]]+)\]", RegexOptions.Multiline)]
    private static partial Regex OptionRow();

    [GeneratedRegex(@"^\s+(?:-\S+, )*(?<name>--[a-z0-9-]+) <(?<choices>[^>]*\|[^>]*)>", RegexOptions.Multiline)]
    private static partial Regex ChoiceLabel();
}
