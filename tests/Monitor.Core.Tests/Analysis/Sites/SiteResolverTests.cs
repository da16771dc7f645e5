using System.Diagnostics;
using System.Text;

using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Core.Tests.Analysis.Sites;

public sealed class SiteResolverTests
{
    private static readonly SiteResolver Resolver = SiteResolver.CreateDefault();

    [Theory]
    // Cloudflare id.server: the IATA code alone
    [InlineData("LHR", "LHR", "London", "GB")]
    [InlineData("ams", "AMS", "Amsterdam", "NL")]
    // PCH / Quad9
    [InlineData("res200.vie.rrdns.pch.net", "VIE", "Vienna", "AT")]
    [InlineData("res860.qfra3.rrdns.pch.net", "FRA", "Frankfurt am Main", "DE")]
    // Google Public DNS NSID
    [InlineData("gpdns-bud", "BUD", "Budapest", "HU")]
    [InlineData("gpdns-ams", "AMS", "Amsterdam", "NL")]
    // K-root and RIPE Atlas anchors: UN/LOCODE
    [InlineData("ns1.nl-ams.k.ripe.net", "AMS", "Amsterdam", "NL")]
    [InlineData("NS2.GB-LON.K.RIPE.NET", "LON", "London", "GB")]
    [InlineData("nl-ams-as3333-3.anchors.atlas.ripe.net", "AMS", "Amsterdam", "NL")]
    // L-root, F-root, I-root
    [InlineData("aa.ar-bue.l.root", "BUE", "Buenos Aires", "AR")]
    [InlineData("ams1b.f.root-servers.org", "AMS", "Amsterdam", "NL")]
    [InlineData("s1.ams", "AMS", "Amsterdam", "NL")]
    // generic: <iata><digits>, and a known token anywhere
    [InlineData("fra12", "FRA", "Frankfurt am Main", "DE")]
    [InlineData("edge-lhr-02.example.net", "LHR", "London", "GB")]
    [InlineData("xqz-lhr", "LHR", "London", "GB")]
    // an operator's format with a code not in the table is still a site, without a place
    [InlineData("res1.qqq1.rrdns.pch.net", "QQQ", null, null)]
    public void Resolve_KnownFormat_GivesSite(string text, string code, string? city, string? country)
    {
        var site = Resolver.Resolve(text);

        Assert.True(site.Parsed);
        Assert.Equal(code, site.Code);
        Assert.Equal(city, site.City);
        Assert.Equal(country, site.Country);
        Assert.Equal(city is not null, site.Latitude is not null && site.Longitude is not null);
    }

    [Theory]
    [InlineData("node17.example")]
    [InlineData("cdn.pop.example.com")] // cdn, pop and com are airport codes too, but skipped as DNS words
    [InlineData("zzz12")] // <iata><digits> only for known codes
    [InlineData("b-zzz-9.example")]
    [InlineData("")]
    [InlineData("ns1.xx-qqq.k.ripe.net.evil")] // not K-root, and no known token
    // A bare unknown code with no provider: a shape any operator could write names a site only with a
    // known code (before the engine, this gave a site ZZZ without a place; SiteEngineTests has the
    // Cloudflare case, which still does).
    [InlineData("zzz")]
    public void Resolve_UnknownText_IsUnparsedWithTextAsCode(string text)
    {
        var site = Resolver.Resolve(text);

        Assert.Equal(Site.Unparsed(text), site);
        Assert.False(site.Parsed);
        Assert.Equal(text, site.Code);
    }

    [Theory]
    [InlineData(IdentitySource.Nsid, "ZZZ", true)]
    [InlineData(IdentitySource.Any, "ZZZ", true)]
    [InlineData(IdentitySource.IdServer, "gpdns-zzz", false)]
    [InlineData(IdentitySource.HostnameBind, "gpdns-zzz", false)]
    public void Resolve_RuleForOneSource_AppliesOnlyThere(IdentitySource source, string code, bool parsed)
    {
        var site = Resolver.Resolve("gpdns-zzz", source);

        Assert.Equal(parsed, site.Parsed);
        Assert.Equal(code, site.Code);
    }

    [Fact]
    public void Resolve_NsidAndIdServer_PrefersNsid()
    {
        var identity = new ObservedIdentity(IdServer: Value("LHR"), HostnameBind: Value("s1.ams"), Nsid: Value("gpdns-bud"));

        var site = Resolver.Resolve(identity);

        Assert.Equal("BUD", site.Code);
        Assert.Equal("HU", site.Country);
    }

    [Fact]
    public void Resolve_NsidUnparsed_FallsBackToIdServerThenHostnameBind()
    {
        Assert.Equal("LHR", Resolver.Resolve(new ObservedIdentity(Value("LHR"), Value("s1.ams"), Value("node17.example"))).Code);
        Assert.Equal("AMS", Resolver.Resolve(new ObservedIdentity(Value("node1"), Value("s1.ams"), Value("node17.example"))).Code);
    }

    [Fact]
    public void Resolve_NothingParses_IsUnparsedWithFirstTextNsidFirst()
    {
        Assert.Equal(Site.Unparsed("node17.example"), Resolver.Resolve(new ObservedIdentity(Value("node1"), Value("node2"), Value("node17.example"))));
        Assert.Equal(Site.Unparsed("node1"), Resolver.Resolve(new ObservedIdentity(Value("node1"), Value("node2"), null)));
        Assert.Equal(Site.Unparsed("node2"), Resolver.Resolve(new ObservedIdentity(null, Value("node2"), null)));
        Assert.Equal(Site.Unparsed(string.Empty), Resolver.Resolve(ObservedIdentity.None));
    }

    [Fact]
    public void Resolve_IdentityWithControlOctets_UsesEscapedText()
    {
        var identity = new ObservedIdentity(new IdentityValue([0x1b, (byte)'[', (byte)'2', (byte)'J', (byte)'x']), null, null);

        var site = Resolver.Resolve(identity);

        Assert.False(site.Parsed);
        Assert.Equal("\\027[2Jx", site.Code);
    }

    [Fact]
    public void Resolve_SameIdentityTwice_ReturnsTheCachedSite()
    {
        var resolver = SiteResolver.CreateDefault();
        var first = resolver.Resolve(new ObservedIdentity(Value("fra12"), null, null));
        var second = resolver.Resolve(new ObservedIdentity(Value("fra12"), null, null));

        Assert.Same(first, second);
    }

    [Fact]
    public void Resolve_ManyThreads_AgreeOnEveryIdentity()
    {
        var resolver = SiteResolver.CreateDefault();
        string[] texts = ["LHR", "gpdns-bud", "ns1.nl-ams.k.ripe.net", "node17.example", "fra12"];
        var results = new Site[2000];

        Parallel.For(0, results.Length, i => results[i] = resolver.Resolve(new ObservedIdentity(null, null, Value(texts[i % texts.Length]))));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(Resolver.Resolve(texts[i % texts.Length], IdentitySource.Nsid), results[i]);
        }
    }

    public static TheoryData<string, byte[]> HostileIdentities => new()
    {
        { "10 kB of letters", Encoding.ASCII.GetBytes(new string('a', 10_000)) },
        { "10 kB of codes", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("ams-", 2_500))) },
        { "control characters", [0x00, 0x07, 0x08, 0x1b, (byte)'[', (byte)'2', (byte)'J', 0x0d, 0x0a, 0x7f, (byte)'l', (byte)'h', (byte)'r'] },
        { "bidi override", [0xe2, 0x80, 0xae, (byte)'s', (byte)'m', (byte)'a'] },
        { "invalid UTF-8", [0xff, 0xfe, 0xc0, 0x80, (byte)'-', (byte)'f', (byte)'r', (byte)'a'] },
        { "backslashes and quotes", Encoding.ASCII.GetBytes("\\\"(?<code>x)\\") },
        { "every octet", Enumerable.Range(0, 256).Select(i => (byte)i).ToArray() },
    };

    [Theory]
    [MemberData(nameof(HostileIdentities))]
    public void Resolve_HostileIdentity_DoesNotThrowAndStaysPrintable(string what, byte[] raw)
    {
        var value = new IdentityValue(raw);

        foreach (var identity in new[] { new ObservedIdentity(value, null, null), new ObservedIdentity(null, value, null), new ObservedIdentity(null, null, value) })
        {
            var site = Resolver.Resolve(identity);

            Assert.False(string.IsNullOrEmpty(site.Code), what);
            Assert.All(site.Code, c => Assert.InRange(c, ' ', '~'));
        }
    }

    [Theory]
    [InlineData("\u202Eams")]
    [InlineData("\0\u0007\u001b[2J")]
    [InlineData("\uD800lhr")] // a lone surrogate
    [InlineData("\u212Aef")] // KELVIN SIGN, which case-insensitive matching may fold to k
    public void Resolve_HostileString_DoesNotThrow(string text)
    {
        var site = Resolver.Resolve(text);

        Assert.NotNull(site.Code);
    }

    [Fact]
    public void Resolve_LongerThanLimit_IsNotMatched()
    {
        var text = "lhr-" + new string('x', SiteResolver.MaxTextLength);

        Assert.Equal(Site.Unparsed(text), Resolver.Resolve(text));
    }

    [Fact]
    public void Resolve_CatastrophicPattern_TimesOutAndTriesTheNextRule()
    {
        SiteRule[] rules =
        [
            new("evil", "^(?<code>(a|aa)+)$", SiteCodeKind.Iata, IdentitySource.Any),
            new("token", "(?<code>[a-z]{3})!", SiteCodeKind.Iata, IdentitySource.Any),
        ];
        var resolver = new SiteResolver(rules, AirportTable.Default);
        var text = new string('a', 60) + "!";
        var clock = Stopwatch.StartNew();

        var site = resolver.Resolve(text);

        Assert.Equal("AAA", site.Code);
        Assert.True(site.Parsed);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("(?<code>[a-z]{3}", "not a valid .NET regular expression")]
    [InlineData("^[a-z]{3}$", "no named group 'code'")]
    [InlineData("", "empty")]
    public void Constructor_BadPattern_Throws(string pattern, string phrase)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SiteResolver([new SiteRule("bad", pattern, SiteCodeKind.Iata, IdentitySource.Any)], AirportTable.Default));

        Assert.Contains("'bad'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(phrase, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultRules_EveryPattern_IsValid() =>
        Assert.All(SiteResolver.DefaultRules, rule => Assert.True(SiteRule.TryCheckPattern(rule.Pattern, out var problem), problem));

    private static IdentityValue Value(string text) => IdentityValue.FromAscii(text);
}
