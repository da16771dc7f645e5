using Monitor.Cli.Configuration;
using Monitor.Core.Analysis.Sites;

namespace Monitor.Cli.Tests.Configuration;

public sealed class SiteRulesLoaderTests
{
    // Lines 1–4: one valid rule. Rows append a second rule or keys from line 5.
    private const string One =
        "- name: cloudflare-iata\n" +
        "  pattern: '^(?<code>[a-z]{3})$'\n" +
        "  kind: iata\n" +
        "  source: id.server\n";

    [Fact]
    public void Parse_ValidFile_ReadsEveryField()
    {
        const string Yaml = One + """
            - name: k-root
              pattern: '^ns\d*\.(?<country>[a-z]{2})-(?<code>[a-z2-9]{3})\.k\.ripe\.net$'
              kind: LOCODE
            - name: token
              pattern: '(?<![a-z])(?<code>[a-z]{3})(?![a-z])'
              kind: iata
              source: NSID
              require_known: true
            - {name: hb, pattern: '^(?<code>...)$', kind: iata, source: hostname.bind, require_known: false}
            """;

        var rules = SiteRulesLoader.Parse(Yaml, "sites.yaml");

        SiteRule[] expected =
        [
            new("cloudflare-iata", "^(?<code>[a-z]{3})$", SiteCodeKind.Iata, IdentitySource.IdServer),
            new("k-root", @"^ns\d*\.(?<country>[a-z]{2})-(?<code>[a-z2-9]{3})\.k\.ripe\.net$", SiteCodeKind.Locode, IdentitySource.Any),
            new("token", "(?<![a-z])(?<code>[a-z]{3})(?![a-z])", SiteCodeKind.Iata, IdentitySource.Nsid) { RequireKnown = true },
            new("hb", "^(?<code>...)$", SiteCodeKind.Iata, IdentitySource.HostnameBind),
        ];
        Assert.Equal(expected, rules);
    }

    [Fact]
    public void Load_ProbesSitesYaml_EqualsDefaultRules()
    {
        var path = RepositoryFiles.Path("probes", "sites.yaml");

        var rules = SiteRulesLoader.Load(path);

        Assert.Equal(SiteResolver.DefaultRules, rules);
    }

    [Theory]
    // patterns
    [InlineData("- name: r\n  pattern: '(?<code>[a-z]{3}'\n  kind: iata\n", 2, "[0].pattern", "not a valid .NET regular expression")]
    [InlineData("- name: r\n  pattern: '^[a-z]{3}$'\n  kind: iata\n", 2, "[0].pattern", "the pattern has no named group 'code'")]
    [InlineData("- name: r\n  pattern: ''\n  kind: iata\n", 2, "[0].pattern", "the pattern is empty")]
    [InlineData("- name: r\n  pattern:\n  kind: iata\n", 2, "[0].pattern", "found no value")]
    [InlineData(One + "- name: r\n  pattern: '^(?<codes>x)$'\n  kind: iata\n", 6, "[1].pattern", "no named group 'code'")]
    // keys
    [InlineData(One + "  regex: x\n", 5, "[0].regex", "unknown key; expected one of name, pattern, kind, source, require_known")]
    [InlineData(One + "  kind: locode\n", 5, "[0].kind", "duplicate key")]
    [InlineData("- pattern: '(?<code>x)'\n  kind: iata\n", 1, "[0].name", "missing")]
    [InlineData("- name: r\n  kind: iata\n", 1, "[0].pattern", "missing")]
    [InlineData("- name: r\n  pattern: '(?<code>x)'\n", 1, "[0].kind", "missing; write 'kind: iata' or 'kind: locode'")]
    // values
    [InlineData("- name: r\n  pattern: '(?<code>x)'\n  kind: icao\n", 3, "[0].kind", "'icao' is not a kind; use iata or locode")]
    [InlineData(One + "- name: r\n  pattern: '(?<code>x)'\n  kind: [iata]\n", 7, "[1].kind", "expected iata or locode, found a list")]
    [InlineData("- name: r\n  pattern: '(?<code>x)'\n  kind: iata\n  source: chaos\n", 4, "[0].source", "'chaos' is not an identity source; use any, nsid, id.server or hostname.bind")]
    [InlineData(One + "  require_known: yes\n", 5, "[0].require_known", "'yes' is not a boolean")]
    [InlineData("- name: ' '\n  pattern: '(?<code>x)'\n  kind: iata\n", 1, "[0].name", "is empty")]
    [InlineData(One + "- name: cloudflare-iata\n  pattern: '(?<code>x)'\n  kind: iata\n", 5, "[1].name", "duplicate rule name 'cloudflare-iata'; [0] on line 1 has it already")]
    // shape
    [InlineData("name: r\npattern: x\n", 1, null, "expected a list of rules")]
    [InlineData("[]\n", 1, null, "the list is empty")]
    [InlineData("- r\n", 1, "[0]", "expected a rule: a mapping")]
    [InlineData("- name: r\n  pattern: '(?<code>x)\n", 2, null, "YAML syntax error")]
    public void Parse_Invalid_NamesLineFieldAndProblem(string yaml, int line, string? field, string phrase)
    {
        var ex = Assert.Throws<ConfigException>(() => SiteRulesLoader.Parse(yaml, "probes/bad.yaml"));

        Assert.Equal("probes/bad.yaml", ex.Source);
        Assert.Equal(line, ex.Line);
        Assert.Equal(field, ex.Field);
        var prefix = field is null ? $"probes/bad.yaml:{line}: " : $"probes/bad.yaml:{line}: {field}: ";
        Assert.StartsWith(prefix, ex.Message, StringComparison.Ordinal);
        Assert.Contains(phrase, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Parse_Empty_SaysTheFileIsEmpty(string yaml)
    {
        var ex = Assert.Throws<ConfigException>(() => SiteRulesLoader.Parse(yaml, "empty.yaml"));

        Assert.Null(ex.Line);
        Assert.Equal("empty.yaml: the file is empty; list at least one rule", ex.Message);
    }

    [Fact]
    public void Load_MissingFile_SaysNoSuchFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.yaml");

        var ex = Assert.Throws<ConfigException>(() => SiteRulesLoader.Load(path));

        Assert.Equal($"{path}: no such file", ex.Message);
    }

    [Fact]
    public void Parse_ValidFile_RulesWorkInAResolver()
    {
        var rules = SiteRulesLoader.Parse(One, "sites.yaml");
        var resolver = new SiteResolver(rules, AirportTable.Default);

        Assert.Equal("VIE", resolver.Resolve("vie", IdentitySource.IdServer).Code);
        Assert.False(resolver.Resolve("vie", IdentitySource.Nsid).Parsed);
    }
}
