using System.Diagnostics;
using System.Globalization;

using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Core.Tests.Analysis.Sites;

public sealed class SiteEngineTests
{
    private static readonly SiteEngine Engine = SiteEngine.CreateDefault();

    [Fact]
    public void Identify_RuleFileSiteThatPhysicsContradicts_KeptWithTheContradictionInEvidence()
    {
        // A lab (tests/lab/) whose node "sin1" sits a few milliseconds from a vantage point placed in
        // Amsterdam: the built-in reading of "sin1" is rejected, the operator's own rule file keeps it.
        var physics = new PhysicsContext(52.37, 4.89, 0.8);
        var rules = SiteEngine.WithOverrides([new SiteRule("lab-node", @"^(?<code>[a-z]{3})\d+(?:\.lab)?$", SiteCodeKind.Iata, IdentitySource.Any)]);

        var builtIn = Engine.Identify("sin1", IdentitySource.Nsid, null, physics);
        var kept = rules.Identify("sin1", IdentitySource.Nsid, null, physics);

        Assert.Equal(SiteConfidence.Unknown, builtIn.Confidence);
        Assert.Equal("SIN", kept.Site.Code);
        Assert.NotEqual(SiteConfidence.Unknown, kept.Confidence);
        var contradiction = Assert.Single(kept.Evidence, e => e.StartsWith("physics contradicts SIN", StringComparison.Ordinal));
        Assert.Contains("--sites", contradiction, StringComparison.Ordinal);
    }

    [Fact]
    public void Identify_CityAbbreviationThatIsAFarAirport_PhysicsRejectsItWithEvidence()
    {
        // Real: RIPE Atlas probe 21563 (Novosibirsk, 54.8585 N 83.1105 E in the 2018-12-11 archive) got
        // hostname.bind "nsk-dns1-L" from an intercepting resolver at 1.960 ms (msm of 2017-06-26,
        // ../shared/atlas/google-8.8.8.8-hostnamebind-2017.json.gz). "nsk" is Novosibirsk to the ISP and
        // Norilsk (NSK), 1,600 km north, to IATA.
        var physics = new PhysicsContext(54.8585, 83.1105, 1.960);

        var without = Engine.Identify("nsk-dns1-L", IdentitySource.HostnameBind, "Google");
        var with = Engine.Identify("nsk-dns1-L", IdentitySource.HostnameBind, "Google", physics);

        Assert.Equal("NSK", without.Site.Code);
        Assert.Equal(SiteConfidence.Low, without.Confidence);
        Assert.False(without.Counts);
        Assert.Equal(SiteConfidence.Unknown, with.Confidence);
        Assert.False(with.Site.Parsed);
        var rejection = Assert.Single(with.Evidence, e => e.StartsWith("physics rejected NSK", StringComparison.Ordinal));
        Assert.Contains("Norilsk", rejection, StringComparison.Ordinal);
        Assert.Contains("296 km", rejection, StringComparison.Ordinal); // 200 × 1.96 / 2 + 100
        Assert.Contains("physics rejected every candidate", with.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Identify_OnlyCandidateRejectedByPhysics_UnknownUnderACodeOfItsOwnNamingTheClaimedSite()
    {
        // Real: RIPE Atlas probe 16461 (San Jose in the 2018-12-11 archive) got Cloudflare's id.server "JNB" in
        // 38.383 ms (msm 1768147, 2015-03-21): Johannesburg is 16,942 km away.
        var without = Engine.Identify("JNB", IdentitySource.IdServer, "Cloudflare");
        var with = Engine.Identify("JNB", IdentitySource.IdServer, "Cloudflare", new PhysicsContext(37.3475, -121.8495, 38.383));

        Assert.Equal(("JNB", SiteConfidence.High), (without.Site.Code, without.Confidence));
        Assert.Null(without.Claimed);
        Assert.Equal(SiteConfidence.Unknown, with.Confidence);
        Assert.Equal(Site.PhysicsRejected("JNB"), with.Site);
        Assert.NotEqual(without.Site.Code, with.Site.Code);
        Assert.Equal(without.Site, with.Claimed);
        Assert.Contains(with.Evidence, e => e.StartsWith("physics rejected JNB", StringComparison.Ordinal) && e.Contains("16942 km away", StringComparison.Ordinal));
        Assert.StartsWith("physics rejected every candidate (1: JNB);", with.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Identify_ProbeWhosePositionCannotReachTheSite_IsUnknownWithTheDistance()
    {
        // Real: Atlas probe 10507 answered by B-root "b4-lax" at 1.393 ms (msm 10310, 2018-12-12), but the
        // archive places it at 37.7505 N 97.8225 W (Kansas, the geolocation default): LAX is 1,900 km away.
        var result = Engine.Identify("b4-lax", IdentitySource.HostnameBind, "USC-ISI", new PhysicsContext(37.7505, -97.8225, 1.393));

        Assert.Equal(SiteConfidence.Unknown, result.Confidence);
        Assert.Contains(result.Evidence, e => e.StartsWith("physics rejected LAX", StringComparison.Ordinal) && e.Contains("km away", StringComparison.Ordinal));
    }

    [Fact]
    public void Identify_EquallyLikelyCandidateTooFar_IsRuledOutByPhysics()
    {
        // The identity is real (Atlas NSID, first_seen.json); the vantage point is a London one made up
        // for the test: "thn" (Trollhättan, SE, to IATA; Telehouse North to the operator) and "lon" score
        // the same; physics rules Trollhättan out, so London stands alone.
        var physics = new PhysicsContext(51.5074, -0.1278, 2.0);

        var result = Engine.Identify("dns03.thn.lon.network.as201838.net", IdentitySource.Nsid, null, physics);

        Assert.Equal("LON", result.Site.Code);
        Assert.True(result.Confidence == SiteConfidence.Medium, string.Join(" | ", result.Evidence)); // generic, supported by physics
        Assert.Contains(result.Evidence, e => e.StartsWith("physics supports it", StringComparison.Ordinal));
        Assert.Contains(result.Evidence, e => e.StartsWith("physics rejected THN", StringComparison.Ordinal));
        Assert.True(result.Counts);
        Assert.Equal(SiteConfidence.Low, Engine.Identify("dns03.thn.lon.network.as201838.net", IdentitySource.Nsid).Confidence);
    }

    [Theory]
    // The target's provider owns the convention: high; no provider: medium for a shape anyone could write.
    [InlineData("LHR", "Cloudflare", SiteConfidence.High)]
    [InlineData("LHR", null, SiteConfidence.Medium)]
    [InlineData("LHR", "Google", SiteConfidence.Medium)]
    [InlineData("res200.vie.rrdns.pch.net", null, SiteConfidence.High)]
    [InlineData("res200.vie.rrdns.pch.net", "Quad9", SiteConfidence.High)]
    [InlineData("gpdns-bud", "Google", SiteConfidence.High)]
    [InlineData("edge-lhr-02.example.net", null, SiteConfidence.Low)]
    public void Identify_ConventionAndProvider_SetConfidence(string text, string? provider, SiteConfidence confidence)
    {
        var result = Engine.Identify(text, IdentitySource.Any, provider);

        Assert.Equal(confidence, result.Confidence);
        Assert.NotEmpty(result.Evidence);
        Assert.NotNull(result.Rule);
    }

    [Fact]
    public void Identify_UnknownBareCodeOfTheProvider_IsASiteWithoutAPlace()
    {
        var cloudflare = Engine.Identify("zzz", IdentitySource.IdServer, "Cloudflare");
        var nobody = Engine.Identify("zzz", IdentitySource.IdServer);

        Assert.Equal(new Site("ZZZ", null, null, null, null, Parsed: true), cloudflare.Site);
        Assert.Equal(SiteConfidence.Low, cloudflare.Confidence);
        Assert.False(nobody.Identified);
    }

    [Theory]
    // Netnod's own site names: "bei" is Beijing to Netnod, Beica (Ethiopia) to IATA; the node list knows.
    [InlineData("s1.bei", "BJS", "CN")]
    // D-root's names are a town abbreviation and a country: only the node list decodes them.
    [InlineData("aaet1.droot.maxgigapop.net", "ADD", "ET")]
    // G-root names a theatre and a site number.
    [InlineData("groot-eur1-1", "STR", "DE")]
    public void Identify_OperatorsOwnSiteName_IsReadFromTheNodeList(string text, string code, string country)
    {
        var result = Engine.Identify(text);

        Assert.Equal(code, result.Site.Code);
        Assert.Equal(country, result.Site.Country);
        Assert.Equal(SiteConfidence.High, result.Confidence);
        Assert.Contains(result.Evidence, e => e.Contains("node list", StringComparison.Ordinal));
    }

    [Fact]
    public void Identify_WithoutNodeList_OwnSiteNamesAreNeverConfident()
    {
        var engine = new SiteEngine(OperatorConventions.Rules, SiteReference.Default.WithoutNodeList());

        Assert.True(engine.Identify("s1.bei").Confidence <= SiteConfidence.Low);
        Assert.Equal(SiteConfidence.Low, engine.Identify("s1.ams").Confidence);
        Assert.False(engine.Identify("groot-eur1-1").Identified);
        Assert.False(engine.Identify("aaet1.droot.maxgigapop.net").Identified);
    }

    [Fact]
    public void Identify_ConventionAgreesWithNodeList_KeepsTheConventionsCode()
    {
        var result = Engine.Identify("ns1.gb-lon.k.ripe.net");

        Assert.Equal("LON", result.Site.Code);
        Assert.Contains(result.Evidence, e => e.Contains("node list", StringComparison.Ordinal) && e.Contains("agrees", StringComparison.Ordinal));
    }

    [Theory]
    // Closed or renamed airports operators still use, mapped to the city they served.
    [InlineData("txl1.example-anycast.net", "TXL", "Berlin")]
    [InlineData("DKR.cf.f.root-servers.org", "DKR", "Dakar")]
    [InlineData("ULN.cf.f.root-servers.org", "ULN", "Ulaanbaatar")]
    // Metropolitan codes against airport codes.
    [InlineData("ns1.jp-tyo.k.ripe.net", "TYO", "Tokyo")]
    [InlineData("m21.lon", "LON", "London")]
    // A UN/LOCODE written joined, with a node number.
    [InlineData("u-ci-nominet2.usdal1.", "DAL", "Dallas")]
    [InlineData("usdal2-vip-fx-103.a.aaplimg.com", "DAL", "Dallas")]
    // A UN/LOCODE written separated, in either order.
    [InlineData("aa01-fr-par.l.dns.icann.org", "PAR", "Paris")]
    [InlineData("se-sto-dns-001.mullvad.net", "STO", "Stockholm")]
    // UK is how many write GB (ISO reserves it for the United Kingdom).
    [InlineData("uk-slo-as43996.anchors.atlas.ripe.net", "SLO", "Slough")]
    // A city's name.
    [InlineData("CleanBrowsing v1.6a - dns-edge-europe-frankfurt2", "FRA", "Frankfurt am Main")]
    public void Identify_GeneralMethods_FindThePlace(string text, string code, string city)
    {
        var result = Engine.Identify(text);

        Assert.True(result.Identified, result.Reason);
        Assert.Equal(code, result.Site.Code);
        Assert.Equal(city, result.Site.City);
    }

    [Theory]
    [InlineData("not.actually.c.root-servers.org")]
    [InlineData("rpz-public-resolver1.rrdns.pch.net")]
    [InlineData("austx-dns-cac-305")]
    [InlineData("dns_cache1.trkmetro.net")]
    [InlineData("543m10")]
    [InlineData("b4")]
    public void Identify_NoPlaceInTheString_StaysUnknown(string text)
    {
        var result = Engine.Identify(text);

        Assert.Equal(SiteConfidence.Unknown, result.Confidence);
        Assert.Equal(Site.Unparsed(text), result.Site);
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    [Fact]
    public void Identify_RootServersSnapshotWithoutTheList_GeneralMethodsNameTheRightCountry()
    {
        // Every identifier root-servers.org lists (probes/data/root-sites.csv), read by conventions and the
        // generic method alone: for the letters whose identifiers carry location codes, the country must be
        // right; for every letter, a wrong country must never come with medium or high confidence.
        var engine = new SiteEngine(OperatorConventions.Rules, SiteReference.Default.WithoutNodeList());
        var rows = File.ReadLines(RepositoryFiles.Path("probes", "data", "root-sites.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var coded = 0;
        var right = 0;
        foreach (var f in rows)
        {
            var (letter, identifier, country) = (f[0], f[1], f[^3]);
            var identity = letter == "i" ? $"s1.{identifier}" : identifier;
            var result = engine.Identify(identity);
            var sameCountry = result.Site.Country == country || (country == "CN" && result.Site.Country == "HK");
            if (result.Confidence >= SiteConfidence.Medium)
            {
                Assert.True(sameCountry, $"{letter}-root '{identity}': {result.Site.Code} in {result.Site.Country}, root-servers.org says {country}; {string.Join(" | ", result.Evidence)}");
            }

            if ("abcfhjklm".Contains(letter, StringComparison.Ordinal))
            {
                coded++;
                right += sameCountry ? 1 : 0;
            }
        }

        Assert.True(right >= coded * 0.97, string.Create(CultureInfo.InvariantCulture, $"{right}/{coded}"));
    }

    [Fact]
    public void Identify_SameStringTwice_IsCached()
    {
        var engine = SiteEngine.CreateDefault();

        var first = engine.Identify("res200.vie.rrdns.pch.net", IdentitySource.IdServer, "Quad9");
        var second = engine.Identify("res200.vie.rrdns.pch.net", IdentitySource.IdServer, "QUAD9");

        Assert.Same(first, second);
    }

    [Fact]
    public void Identify_ObservedIdentity_TakesTheMostConfidentMethod()
    {
        // hostname.bind names the node exactly; id.server is only a bare code from an unknown provider.
        var identity = new ObservedIdentity(IdServer: IdentityValue.FromAscii("LHR"), HostnameBind: IdentityValue.FromAscii("ns1.nl-ams.k.ripe.net"), Nsid: IdentityValue.FromAscii("node17.example"));

        var result = Engine.Identify(identity);

        Assert.Equal("AMS", result.Site.Code);
        Assert.Equal(SiteConfidence.High, result.Confidence);
    }

    [Theory]
    [InlineData(double.NaN, 0, 1)]
    [InlineData(91, 0, 1)]
    [InlineData(0, 181, 1)]
    [InlineData(0, 0, 0)]
    [InlineData(0, 0, -3)]
    [InlineData(0, 0, double.PositiveInfinity)]
    public void Identify_InvalidPhysics_IsIgnored(double lat, double lon, double rtt)
    {
        var physics = new PhysicsContext(lat, lon, rtt);

        Assert.False(physics.IsValid);
        Assert.Equal(Engine.Identify("gpdns-bud", IdentitySource.Nsid), Engine.Identify("gpdns-bud", IdentitySource.Nsid, null, physics));
    }

    [Fact]
    public void Identify_HostileStrings_NeverThrowAndStayFast()
    {
        string[] hostile =
        [
            new string('a', 5000), string.Concat(Enumerable.Repeat("ams-", 250)), string.Concat(Enumerable.Repeat("nl-ams.", 36)),
            string.Concat(Enumerable.Repeat("s1.", 80)) + "ams", "\u202Eams", "\0\u0007\u001b[2J", "\uD800lhr", "\u212Aef",
            string.Concat(Enumerable.Repeat("res1.", 50)) + "rrdns.pch.net", "....", "-_-_-", "ns1.-.k.ripe.net",
        ];
        var clock = Stopwatch.StartNew();

        foreach (var text in hostile)
        {
            var result = Engine.Identify(text, IdentitySource.Any, "Cloudflare", new PhysicsContext(52.37, 4.9, 3));
            Assert.NotNull(result.Site.Code);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public void OperatorConventions_EveryRule_HasAValidPatternAndAUniqueName()
    {
        Assert.All(OperatorConventions.Rules, rule => Assert.True(SiteRule.TryCheckPattern(rule.Pattern, out var problem), problem));
        Assert.Equal(OperatorConventions.Rules.Count, OperatorConventions.Rules.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void OperatorConventions_AreTheRulesOfProbesSitesYaml()
    {
        // The CLI's loader test compares the parsed file; this reads its name/pattern/kind/source lines so
        // the Core tests catch a drift too.
        var lines = File.ReadAllLines(RepositoryFiles.Path("probes", "sites.yaml"));
        var rules = new List<(string Name, string Pattern, string Kind, string Source)>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("- name: ", StringComparison.Ordinal))
            {
                string Value(string key) => lines[i..].First(l => l.TrimStart().StartsWith(key + ": ", StringComparison.Ordinal)).Split(": ", 2)[1].Trim('\'', ' ');
                rules.Add((lines[i]["- name: ".Length..], Value("pattern"), Value("kind"), Value("source")));
            }
        }

        var expected = OperatorConventions.Rules.Select(r => (r.Name, r.Pattern, r.Kind.ToString().ToLowerInvariant(), r.Source switch
        {
            IdentitySource.Nsid => "nsid",
            IdentitySource.IdServer => "id.server",
            IdentitySource.HostnameBind => "hostname.bind",
            _ => "any",
        }));
        Assert.Equal(expected, rules);
    }

    [Theory]
    [InlineData("dns-saopaulo-1", "SAO")]
    [InlineData("CleanBrowsing v1.6a - dns-edge-brazil-saopaulo5", "SAO")]
    [InlineData("edge-izmir-1", "ADB")]
    [InlineData("malmo2", "MMA")]
    [InlineData("urumqi-dns1", "URC")]
    [InlineData("dns1.zrh2.nic.ch", "ZRH")]
    [InlineData("a.fra3.nic.de", "FRA")]
    public void Identify_GenericReadingOfANamedPlace_IsThatPlaceWithLowConfidence(string identity, string expected)
    {
        // São Paulo, İzmir, Malmö, Ürümqi: the tables spell them with diacritics, identities without; under the
        // build's invariant globalization string.Normalize does not decompose, so the folding is by table.
        // nic.<cc> is a registry's own domain (nic.ch, nic.de), not a second level like co.uk: the label
        // before it is the registry's host, and its site is read.
        var result = Engine.Identify(identity);

        Assert.Equal(expected, result.Site.Code);
        Assert.Equal(SiteConfidence.Low, result.Confidence);
        Assert.NotNull(result.Site.Latitude);
    }

    [Theory]
    [InlineData("los-angeles-1", "LAX", "LOS")]
    [InlineData("edge-san-francisco-1", "SFO", "SAN")]
    [InlineData("rio-de-janeiro-1", "RIO", null)]
    [InlineData("new_york_2", "NYC", null)]
    [InlineData("dns-salt-lake-city", "SLC", null)]
    [InlineData("cape-town3", "CPT", null)]
    public void Identify_CityNameWrittenInWords_IsReadJoinedAndItsWordsAreNotCodes(string identity, string expected, string? wordCode)
    {
        var result = Engine.Identify(identity);

        Assert.Equal(expected, result.Site.Code);
        Assert.Equal(SiteConfidence.Low, result.Confidence);
        Assert.Contains(result.Evidence, e => e.Contains("a city's name written in words", StringComparison.Ordinal));
        if (wordCode is not null && wordCode != expected)
        {
            // "los" alone is Lagos, "san" San Diego: as words of the name they are not read.
            Assert.DoesNotContain(result.Evidence, e => e.Contains($"'{wordCode.ToLowerInvariant()}' is a three-letter token", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("dns-edge-us-west")]
    [InlineData("host-on-call-7")]
    public void Identify_WordsThatJoinedNameNoCity_StayUnknown(string identity)
    {
        Assert.Equal(SiteConfidence.Unknown, Engine.Identify(identity).Confidence);
    }

    [Theory]
    [InlineData("a3.us-mnz.root")]
    [InlineData("a1d.us-mnz.root")]
    [InlineData("n4.us-mnz.root")]
    public void Identify_SiblingOfListedNodesWhoseLocodeHasNoPosition_TakesTheListedPlace(string identity)
    {
        // Real (RIPE Atlas NSIDs, Root-Server-Analysis first_seen.json): Verisign nodes at Manassas that the
        // 2025 snapshot does not list by these names. UN/LOCODE US MNZ has no coordinates; the list's
        // a1/n1.us-mnz.root are Manassas, 38.751 N 77.475 W.
        var withList = Engine.Identify(identity, IdentitySource.Nsid, "Verisign");
        var withoutList = new SiteEngine(OperatorConventions.Rules, SiteReference.Default.WithoutNodeList()).Identify(identity, IdentitySource.Nsid, "Verisign");

        Assert.Null(withoutList.Site.Latitude);
        Assert.Equal("Manassas", withList.Site.City);
        Assert.Equal(38.751, withList.Site.Latitude!.Value, 3);
        Assert.True(withList.Confidence >= SiteConfidence.Medium);
        Assert.Contains(withList.Evidence, e => e.Contains("of listed nodes of one site", StringComparison.Ordinal));
    }
}
