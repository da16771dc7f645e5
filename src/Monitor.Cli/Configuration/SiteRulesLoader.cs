using Monitor.Core.Analysis.Sites;

using YamlDotNet.RepresentationModel;

namespace Monitor.Cli.Configuration;

/// <summary>
/// Reads site rules from YAML: a list of <c>{name, pattern, kind, source, require_known}</c> mappings,
/// as in <c>probes/sites.yaml</c>. Every problem is a <see cref="ConfigException"/> naming the file, the
/// line and the field, e.g. <c>probes/sites.yaml:12: [2].pattern: the pattern has no named group 'code'</c>.
/// </summary>
public static class SiteRulesLoader
{
    private static readonly string[] RuleKeys = ["name", "pattern", "kind", "source", "require_known"];

    /// <summary>Site rules from a file, or the built-in ones when no file is named.</summary>
    /// <exception cref="ConfigException">The file is not valid.</exception>
    public static IReadOnlyList<SiteRule> LoadOrDefault(string? path) => path is null ? SiteResolver.DefaultRules : Load(path);

    /// <summary>Reads and parses a rules file.</summary>
    /// <param name="path">The file; messages name it as given.</param>
    /// <exception cref="ConfigException">The file cannot be read or is not a valid rules file.</exception>
    public static IReadOnlyList<SiteRule> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(ConfigFile.Read(path), path);
    }

    /// <summary>Parses rules text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="source">What to call it in messages, usually its path.</param>
    /// <exception cref="ConfigException">The text is not a valid rules file.</exception>
    public static IReadOnlyList<SiteRule> Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(source);
        var root = ConfigYaml.LoadRoot(yaml, source)
            ?? throw new ConfigException(source, null, null, "the file is empty; list at least one rule");
        var reader = new ConfigReader(source);
        if (root is not YamlSequenceNode list)
        {
            throw new ConfigException(source, ConfigReader.Line(root.Start), null, $"expected a list of rules (- name: ..., pattern: ..., kind: ...), found {ConfigReader.Describe(root)}");
        }

        if (list.Children.Count == 0)
        {
            throw new ConfigException(source, ConfigReader.Line(list.Start), null, "the list is empty; give at least one rule");
        }

        var rules = new List<SiteRule>(list.Children.Count);
        var seen = new Dictionary<string, (int Index, int Line)>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = ConfigReader.Item(string.Empty, i);
            var node = list.Children[i];
            if (reader.Try<(SiteRule Rule, YamlNode NameNode)?>(() => ReadRule(reader, node, path), null) is not { } read)
            {
                continue;
            }

            var (rule, nameNode) = read;

            if (!seen.TryAdd(rule.Name, (i, ConfigReader.Line(nameNode.Start))))
            {
                var first = seen[rule.Name];
                reader.Report(reader.Error(nameNode, $"{path}.name", $"duplicate rule name '{rule.Name}'; {ConfigReader.Item(string.Empty, first.Index)} on line {first.Line} has it already"));
                continue;
            }

            rules.Add(rule);
        }

        // Every problem of the file at once (up to ConfigException.MaxProblems), unknown keys included.
        reader.ThrowIfAny();
        return rules;
    }

    private static (SiteRule Rule, YamlNode NameNode) ReadRule(ConfigReader reader, YamlNode node, string path)
    {
        var fields = reader.Mapping(node, path, "a rule: a mapping with name, pattern, kind and optionally source and require_known", RuleKeys);

        var nameNode = fields.Require("name", "every rule needs a name, unique in the file");
        var name = reader.Word(nameNode, fields.Field("name"), "a rule name such as 'pch-rrdns'");

        var patternNode = fields.Require("pattern", "write a .NET regular expression with a named group (?<code>...)");
        var pattern = reader.Text(patternNode, fields.Field("pattern"), "a .NET regular expression with a named group (?<code>...)");
        if (!SiteRule.TryCheckPattern(pattern, out var problem))
        {
            throw reader.Error(patternNode, fields.Field("pattern"), problem);
        }

        var kindNode = fields.Require("kind", "write 'kind: iata' or 'kind: locode'");
        var kind = reader.Word(kindNode, fields.Field("kind"), "a kind", ("iata", SiteCodeKind.Iata), ("locode", SiteCodeKind.Locode));

        var identitySource = IdentitySource.Any;
        if (fields.Find("source") is { } sourceNode)
        {
            identitySource = reader.Word(
                sourceNode,
                fields.Field("source"),
                "an identity source",
                ("any", IdentitySource.Any),
                ("nsid", IdentitySource.Nsid),
                ("id.server", IdentitySource.IdServer),
                ("hostname.bind", IdentitySource.HostnameBind));
        }

        var requireKnown = fields.Find("require_known") is { } requireNode && reader.Boolean(requireNode, fields.Field("require_known"));
        return (new SiteRule(name, pattern, kind, identitySource) { RequireKnown = requireKnown }, nameNode);
    }
}
