using System.Net;

using Monitor.Cli.Configuration;
using Monitor.Core.Domain;

namespace Monitor.Cli.Tests.Configuration;

/// <summary>Parsing only: nothing here sends a packet, not even to the loopback targets.</summary>
public sealed class ConfigLoaderTests
{
    // Lines 1–6; the target mapping starts on line 3. Rows append from line 7.
    private const string Minimal =
        "interval: 30s\n" +
        "targets:\n" +
        "  - id: t1\n" +
        "    provider: P\n" +
        "    address: 192.0.2.1\n" +
        "    kind: anycast\n";

    // Lines 1–3 of a file whose target mapping starts on line 3 and has id and provider; rows add the rest.
    private const string Head =
        "interval: 30s\n" +
        "targets:\n" +
        "  - id: t1\n" +
        "    provider: P\n";

    private const string Full = """
        # every field
        interval: 1m
        timeout: 1500ms
        vantage:
          id: ams-home_1
          city: Amsterdam
          country: NO
          latitude: -52.37
          longitude: 4.89
          asn: 3333
        targets:
          - id: cloudflare-v4
            provider: Cloudflare
            address: 192.0.2.1
            port: 5353
            kind: unicast
            transport: tcp
            query:
              name: example.com.
              class: in
              type: aaaa
            identity: [hostname.bind, NSID]
            recursion: true
          - id: v6
            provider: "Example, Inc."
            address: 2001:db8::53
            kind: anycast
            query: {name: ., type: SOA}
            identity: []
            recursion: False
          - id: none
            provider: P
            address: ::1
            kind: Anycast
            identity: [none]
        """;

    [Fact]
    public void Parse_EveryField_RoundTrips()
    {
        var config = ConfigLoader.Parse(Full, "full.yaml");

        Assert.Equal(TimeSpan.FromMinutes(1), config.Interval);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), config.Timeout);
        Assert.Equal("full.yaml", config.Source);
        var vantage = Assert.IsType<VantagePoint>(config.Vantage);
        Assert.Equal("ams-home_1", vantage.Id);
        Assert.Equal("Amsterdam", vantage.City);
        Assert.Equal("NO", vantage.Country);
        Assert.Equal(-52.37, vantage.Latitude);
        Assert.Equal(4.89, vantage.Longitude);
        Assert.Equal(3333, vantage.Asn);

        Assert.Equal(["cloudflare-v4", "v6", "none"], config.Targets.Select(t => t.Id));
        var first = config.Targets[0];
        Assert.Equal("Cloudflare", first.Provider);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), first.Address);
        Assert.Equal(5353, first.Port);
        Assert.Equal(TargetKind.Unicast, first.Kind);
        Assert.Equal(Transport.Tcp, first.Transport);
        Assert.Equal(new DnsQuestion("example.com", DnsClasses.IN, DnsTypes.AAAA), first.Query);
        Assert.Equal(IdentityMethods.HostnameBind | IdentityMethods.Nsid, first.Identity);
        Assert.True(first.RecursionDesired);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), first.Timeout);

        var second = config.Targets[1];
        Assert.Equal("Example, Inc.", second.Provider);
        Assert.Equal(IPAddress.Parse("2001:db8::53"), second.Address);
        Assert.Equal(53, second.Port);
        Assert.Equal(TargetKind.Anycast, second.Kind);
        Assert.Equal(new DnsQuestion(".", DnsClasses.IN, 6), second.Query);
        Assert.Equal(IdentityMethods.None, second.Identity);
        Assert.False(second.RecursionDesired);

        Assert.Equal(IPAddress.IPv6Loopback, config.Targets[2].Address);
        Assert.Equal(IdentityMethods.None, config.Targets[2].Identity);
    }

    [Fact]
    public void Parse_SitesAndBurst_AreRead()
    {
        var config = ConfigLoader.Parse(
            Minimal + "    sites:\n      - {id: ams1, address: 192.0.2.11}\n      - id: sin-2\n        address: 2001:db8::53\n" +
            "burst:\n  interval: 200ms\n  limit: 20s\n",
            "x.yaml");

        Assert.Equal(
            [new TargetSite("ams1", IPAddress.Parse("192.0.2.11")), new TargetSite("sin-2", IPAddress.Parse("2001:db8::53"))],
            config.Targets[0].Sites);
        Assert.Equal((TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(20)), (config.Burst.Interval, config.Burst.Limit));
        Assert.False(ConfigLoader.Parse(Minimal + "burst: off\n", "x.yaml").Burst.Enabled);
        Assert.Equal(BurstPolicy.Default, ConfigLoader.Parse(Minimal, "x.yaml").Burst);
        Assert.Empty(ConfigLoader.Parse(Minimal, "x.yaml").Targets[0].Sites);

        // Bursts stay within the configured rate limit.
        Assert.Equal(10, ConfigLoader.Parse("rate_limit: 10\n" + Minimal, "x.yaml").Burst.RateLimit);
    }

    [Fact]
    public void Parse_Minimal_AppliesDefaults()
    {
        var config = ConfigLoader.Parse(Minimal, "min.yaml");

        Assert.Equal(TimeSpan.FromSeconds(30), config.Interval);
        Assert.Equal(TimeSpan.FromSeconds(2), config.Timeout);
        Assert.Null(config.Vantage);
        var target = Assert.Single(config.Targets);
        Assert.Equal(53, target.Port);
        Assert.Equal(Transport.Udp, target.Transport);
        Assert.Equal(DnsQuestion.IdServer, target.Query);
        Assert.Equal(IdentityMethods.Nsid | IdentityMethods.IdServer, target.Identity);
        Assert.False(target.RecursionDesired);
        Assert.Equal(TimeSpan.FromSeconds(2), target.Timeout);
    }

    [Fact]
    public void Parse_QueryWithNameOnly_DefaultsToInA()
    {
        var config = ConfigLoader.Parse(Minimal + "    query: {name: example.org}\n", "q.yaml");

        Assert.Equal(new DnsQuestion("example.org", DnsClasses.IN, DnsTypes.A), config.Targets[0].Query);
    }

    [Fact]
    public void Parse_VantageWithIdOnly_LeavesTheRestNull()
    {
        var config = ConfigLoader.Parse("vantage: {id: fra}\n" + Minimal, "v.yaml");

        Assert.Equal(new VantagePoint("fra"), config.Vantage);
    }

    [Theory]
    // addresses
    [InlineData(Head + "    address: example..invalid\n    kind: anycast\n", 5, "targets[0].address", "'example..invalid' is not an IPv4 or IPv6 address or a host name")]
    [InlineData(Head + "    address: 192.0.2.1:53\n    kind: anycast\n", 5, "targets[0].address", "is not an IPv4 or IPv6 address")]
    [InlineData(Head + "    address: 10.1\n    kind: anycast\n", 5, "targets[0].address", "is not an IPv4 or IPv6 address")]
    [InlineData(Head + "    address: '[::1]'\n    kind: anycast\n", 5, "targets[0].address", "is not an IPv4 or IPv6 address")]
    [InlineData(Head + "    address: '[2001:db8::1]:53'\n    kind: anycast\n", 5, "targets[0].address", "is not an IPv4 or IPv6 address")]
    // unknown and duplicate keys
    [InlineData(Head + "    adress: 192.0.2.1\n    kind: anycast\n", 5, "targets[0].adress", "unknown key; expected one of id, provider, address, port, kind, transport, connection, tls_name, tls_insecure, url, doh_method, http_version, dnssec, edns, edns_size, query, identity, recursion, sites")]
    [InlineData(Minimal + "    sites: ams1\n", 7, "targets[0].sites", "a list of sites")]
    [InlineData(Minimal + "    sites:\n      - id: ams1\n", 8, "targets[0].sites[0].address", "its own unicast")]
    [InlineData(Minimal + "    sites:\n      - {id: ams1, address: 192.0.2.9:53}\n", 8, "targets[0].sites[0].address", "is not an IPv4 or IPv6 address")]
    [InlineData(Minimal + "    sites:\n      - {id: ams1, address: 192.0.2.9}\n      - {id: ams1, address: 192.0.2.8}\n", 9, "targets[0].sites[1].id", "duplicate site id 'ams1'")]
    [InlineData(Minimal + "    sites:\n      - {id: 'a=b', address: 192.0.2.9}\n", 8, "targets[0].sites[0].id", "may not contain")]
    [InlineData(Minimal + "    sites:\n      - {id: ams1, address: 192.0.2.9, port: 53}\n", 8, "targets[0].sites[0].port", "unknown key")]
    [InlineData(Minimal + "burst: on\n", 7, "burst", "'off' or a mapping")]
    [InlineData(Minimal + "burst:\n  interval: 5ms\n", 8, "burst.interval", "shorter than 10ms")]
    [InlineData(Minimal + "burst:\n  limit: 2h\n", 8, "burst.limit", "is not between 1ms and 1h")]
    [InlineData(Minimal + "burst:\n  every: 1s\n", 8, "burst.every", "unknown key; expected one of interval, limit")]
    [InlineData("intervals: 30s\n", 1, "intervals", "unknown key; expected one of interval, timeout, rate_limit, resolve_every, vantage, targets, burst")]
    [InlineData(Minimal + "    port: 53\n    port: 54\n", 8, "targets[0].port", "duplicate key; 'port' is already given on line 7")]
    [InlineData("interval: 30s\ninterval: 1m\n", 2, "interval", "duplicate key")]
    [InlineData(Minimal + "    query: {name: a, name: b}\n", 7, "targets[0].query.name", "duplicate key")]
    [InlineData("vantage:\n  id: x\n  city: A\n  city: B\n" + Minimal, 4, "vantage.city", "duplicate key; 'city' is already given on line 3")]
    // wrong node kinds
    [InlineData("interval: [30s]\n", 1, "interval", "expected a duration such as 500ms, 2s, 5m or 1h, found a list")]
    [InlineData("interval:\ntargets: []\n", 1, "interval", "found no value")]
    [InlineData("- interval: 30s\n", 1, null, "expected a mapping with interval and targets")]
    [InlineData("interval: 30s\ntargets: t1\n", 2, "targets", "expected a list of targets, found 't1'")]
    [InlineData("interval: 30s\ntargets:\n  - t1\n", 3, "targets[0]", "expected a target: a mapping")]
    [InlineData(Minimal + "    identity: nsid\n", 7, "targets[0].identity", "expected a list of identity methods")]
    [InlineData(Minimal + "    port: {n: 1}\n", 7, "targets[0].port", "found a mapping")]
    [InlineData("? [a]\n: 1\n", 1, null, "a key must be a plain word")]
    // YAML syntax and documents
    [InlineData(Head + "    address: '192.0.2.1\n    kind: anycast\n", 5, null, "YAML syntax error")]
    [InlineData("interval: 30s\ntargets: [a, b\nfoo: 1\n", 2, null, "YAML syntax error")]
    [InlineData("interval: 30s\ntargets: [a, b\n", 3, null, "YAML syntax error")]
    [InlineData("interval: [30s, 1m\ntargets: 1\n", 1, null, "YAML syntax error")]
    [InlineData("interval: 30s\n timeout: 2s\n", 2, null, "YAML syntax error")]
    [InlineData(Minimal + "---\ninterval: 1m\n", 8, null, "a second YAML document")]
    // missing fields
    [InlineData("timeout: 2s\n", 1, "interval", "missing")]
    [InlineData("interval: 30s\n", 1, "targets", "missing")]
    [InlineData(Head + "    kind: anycast\n", 3, "targets[0].address", "missing; every target needs an IPv4 or IPv6 address")]
    [InlineData("interval: 30s\ntargets:\n  - provider: P\n    address: 192.0.2.1\n    kind: anycast\n", 3, "targets[0].id", "missing")]
    [InlineData(Head + "    address: 192.0.2.1\n", 3, "targets[0].kind", "missing")]
    [InlineData("interval: 30s\ntargets:\n  - id: t1\n    address: 192.0.2.1\n    kind: anycast\n", 3, "targets[0].provider", "missing")]
    [InlineData("vantage:\n  city: Amsterdam\n" + Minimal, 2, "vantage.id", "missing")]
    [InlineData(Minimal + "    query:\n      type: TXT\n", 8, "targets[0].query.name", "missing")]
    [InlineData("interval: 30s\ntargets: []\n", 2, "targets", "the list is empty")]
    // durations and the clock
    [InlineData("interval: 30\n", 1, "interval", "'30' has no unit")]
    [InlineData("interval: 30sec\n", 1, "interval", "unknown unit 'sec'")]
    [InlineData("interval: 7s\n", 1, "interval", "7s is not a whole number of seconds dividing a minute; rounds are aligned to the clock (a seconds-granular cron schedule)")]
    [InlineData("interval: 90s\n", 1, "interval", "1m30s is not a whole number of minutes dividing an hour")]
    [InlineData("interval: 5h\n", 1, "interval", "5h is not a whole number of hours dividing a day")]
    [InlineData("interval: 2d\n", 1, "interval", "2d is longer than a day")]
    [InlineData("interval: 500ms\n", 1, "interval", "500ms is under a second")]
    [InlineData("interval: 30s\ntimeout: 30s\n", 2, "timeout", "30s is not shorter than the interval 30s")]
    [InlineData("interval: 30s\ntimeout: 0s\n", 2, "timeout", "is not positive")]
    [InlineData("interval: 1s\ntargets: []\n", 1, "interval", "1s is not longer than the default timeout 2s")]
    // enums, numbers, booleans
    [InlineData(Head + "    address: 192.0.2.1\n    kind: multicast\n", 6, "targets[0].kind", "'multicast' is not a kind; use anycast or unicast")]
    [InlineData(Minimal + "    transport: quic\n", 7, "targets[0].transport", "'quic' is not a transport; use udp, tcp, tls or https")]
    [InlineData(Minimal + "    port: 0\n", 7, "targets[0].port", "0 is out of range; expected a port, 1 to 65535")]
    [InlineData(Minimal + "    port: 65536\n", 7, "targets[0].port", "out of range")]
    [InlineData(Minimal + "    port: domain\n", 7, "targets[0].port", "'domain' is not a whole number")]
    [InlineData(Minimal + "    recursion: yes\n", 7, "targets[0].recursion", "'yes' is not a boolean; write true or false")]
    [InlineData(Minimal + "    query: {name: example.com, type: BOGUS}\n", 7, "targets[0].query.type", "'BOGUS' is not a DNS type")]
    [InlineData(Minimal + "    query: {name: example.com, class: XX}\n", 7, "targets[0].query.class", "'XX' is not a DNS class")]
    [InlineData(Minimal + "    query:\n      name: a..b\n", 8, "targets[0].query.name", "has an empty label")]
    [InlineData(Minimal + "    identity: [nsid, nsidd]\n", 7, "targets[0].identity[1]", "unknown identity method 'nsidd'")]
    [InlineData(Minimal + "    identity:\n      - none\n      - nsid\n", 8, "targets[0].identity[0]", "'none' cannot be combined")]
    [InlineData(Minimal + "    identity: [nsid, NSID]\n", 7, "targets[0].identity[1]", "'NSID' is listed twice")]
    // ids and the vantage point
    [InlineData(Minimal + "  - id: t1\n    provider: Q\n    address: 192.0.2.2\n    kind: anycast\n", 7, "targets[1].id", "duplicate target id 't1'; targets[0] on line 3 has it already")]
    [InlineData("interval: 30s\ntargets:\n  - id: a b\n    provider: P\n    address: 192.0.2.1\n    kind: anycast\n", 3, "targets[0].id", "'a b' contains whitespace")]
    [InlineData("interval: 30s\ntargets:\n  - id: t1\n    provider: ''\n    address: 192.0.2.1\n    kind: anycast\n", 4, "targets[0].provider", "is empty")]
    [InlineData("vantage:\n  id: AMS\n" + Minimal, 2, "vantage.id", "'AMS' must match ^[a-z0-9_-]+$")]
    [InlineData("vantage:\n  id: ams\n  latitude: 91\n" + Minimal, 3, "vantage.latitude", "91 is out of range; expected a latitude in degrees, -90 to 90")]
    [InlineData("vantage:\n  id: ams\n  longitude: -180.5\n" + Minimal, 3, "vantage.longitude", "out of range")]
    [InlineData("vantage:\n  id: ams\n  latitude: north\n" + Minimal, 3, "vantage.latitude", "'north' is not a number")]
    [InlineData("vantage:\n  id: ams\n  asn: 0\n" + Minimal, 3, "vantage.asn", "out of range; expected an AS number")]
    [InlineData("vantage: ams\n" + Minimal, 1, "vantage", "expected a mapping with id")]
    public void Parse_Invalid_NamesLineFieldAndProblem(string yaml, int line, string? field, string phrase)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "probes/bad.yaml"));

        // The row's mistake is among the problems listed (a row without targets also gets "targets: missing").
        Assert.Equal("probes/bad.yaml", ex.Source);
        var problem = Assert.Single(ex.Problems, p => p.Line == line && p.Field == field);
        var prefix = field is null ? $"probes/bad.yaml:{line}: " : $"probes/bad.yaml:{line}: {field}: ";
        Assert.StartsWith(prefix, problem.Message, StringComparison.Ordinal);
        Assert.Contains(phrase, problem.Message, StringComparison.Ordinal);
        Assert.Contains(problem.Message, ex.Message.Split('\n'));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but a comment\n")]
    [InlineData("---\n")]
    public void Parse_Empty_SaysTheFileIsEmpty(string yaml)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "empty.yaml"));

        Assert.Null(ex.Line);
        Assert.Null(ex.Field);
        Assert.Equal("empty.yaml: the file is empty; it needs at least 'interval' and 'targets'", ex.Message);
    }

    [Theory]
    [InlineData("1s")]
    [InlineData("2s")]
    [InlineData("3s")]
    [InlineData("4s")]
    [InlineData("5s")]
    [InlineData("6s")]
    [InlineData("10s")]
    [InlineData("12s")]
    [InlineData("15s")]
    [InlineData("20s")]
    [InlineData("30s")]
    [InlineData("60s")]
    [InlineData("1m")]
    [InlineData("2m")]
    [InlineData("3m")]
    [InlineData("4m")]
    [InlineData("5m")]
    [InlineData("6m")]
    [InlineData("10m")]
    [InlineData("12m")]
    [InlineData("15m")]
    [InlineData("20m")]
    [InlineData("30m")]
    [InlineData("1h")]
    [InlineData("2h")]
    [InlineData("3h")]
    [InlineData("4h")]
    [InlineData("6h")]
    [InlineData("8h")]
    [InlineData("12h")]
    [InlineData("24h")]
    [InlineData("1d")]
    public void Parse_ClockAlignedInterval_Accepted(string interval)
    {
        var config = ConfigLoader.Parse($"interval: {interval}\ntimeout: 500ms\ntargets:\n  - {{id: t, provider: P, address: 192.0.2.1, kind: anycast}}\n", "ok.yaml");

        Assert.Equal(Core.Text.DurationText.Parse(interval), config.Interval);
    }

    [Theory]
    [InlineData("999ms")]
    [InlineData("1500ms")]
    [InlineData("7s")]
    [InlineData("8s")]
    [InlineData("45s")]
    [InlineData("61s")]
    [InlineData("7m")]
    [InlineData("1m30s")]
    [InlineData("45m")]
    [InlineData("90m")]
    [InlineData("5h")]
    [InlineData("1h30m")]
    [InlineData("25h")]
    [InlineData("7d")]
    public void Parse_UnalignedInterval_SaysRoundsAreAlignedToTheClock(string interval)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse($"interval: {interval}\n", "x.yaml"));

        Assert.Equal("interval", ex.Field);
        Assert.Contains("rounds are aligned to the clock (a seconds-granular cron schedule)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_NamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"monitor-missing-{Guid.NewGuid():N}.yaml");

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));

        Assert.Equal(path, ex.Source);
        Assert.Null(ex.Line);
        Assert.Equal($"{path}: no such file", ex.Message);
    }

    [Fact]
    public void Load_File_ParsesAndNamesItInErrors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"monitor-config-{Guid.NewGuid():N}.yaml");
        try
        {
            File.WriteAllText(path, Minimal);
            Assert.Equal(path, ConfigLoader.Load(path).Source);

            File.WriteAllText(path, Minimal + "    port: 0\n");
            var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));
            Assert.StartsWith($"{path}:7: targets[0].port: ", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("public-resolvers.yaml", 16, "30s")]
    [InlineData("root-servers.yaml", 26, "1m")]
    [InlineData("loopback-example.yaml", 3, "5s")]
    public void Load_ProbeFile_Parses(string file, int targets, string interval)
    {
        var config = ConfigLoader.Load(ProbeFile(file));

        Assert.Equal(targets, config.Targets.Count);
        Assert.Equal(Core.Text.DurationText.Parse(interval), config.Interval);
        Assert.All(config.Targets, t => Assert.Equal(config.Timeout, t.Timeout));
        Assert.Equal(config.Targets.Count, config.Targets.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void Load_PublicResolvers_AnycastWithDefaultQueryAndIdentity()
    {
        var config = ConfigLoader.Load(ProbeFile("public-resolvers.yaml"));

        Assert.Equal(TimeSpan.FromSeconds(2), config.Timeout);
        Assert.Equal(["Cloudflare", "Google", "Quad9", "OpenDNS"], config.Targets.Select(t => t.Provider).Distinct());
        Assert.Contains(config.Targets, t => t.Id == "cloudflare-1-v4" && t.Address.Equals(IPAddress.Parse("1.1.1.1")));
        Assert.All(config.Targets, t =>
        {
            Assert.Equal(TargetKind.Anycast, t.Kind);
            Assert.Equal(DnsQuestion.IdServer, t.Query);
            Assert.Equal(IdentityMethods.Nsid | IdentityMethods.IdServer, t.Identity);
            Assert.False(IPAddress.IsLoopback(t.Address));
        });
        Assert.Equal(8, config.Targets.Count(t => t.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6));
    }

    [Fact]
    public void Load_RootServers_EveryTargetAsksAllThreeIdentityMethods()
    {
        var config = ConfigLoader.Load(ProbeFile("root-servers.yaml"));

        var letters = config.Targets.Select(t => t.Id[0]).Distinct();
        Assert.Equal("abcdefghijklm", string.Concat(letters));
        Assert.All(config.Targets, t =>
        {
            Assert.Equal(IdentityMethods.Nsid | IdentityMethods.IdServer | IdentityMethods.HostnameBind, t.Identity);
            Assert.Equal(TargetKind.Anycast, t.Kind);
            Assert.Matches("^[a-m]-root-v[46]$", t.Id);
            Assert.Equal(t.Id.EndsWith("-v6", StringComparison.Ordinal), t.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6);
        });
        Assert.Contains(config.Targets, t => t.Id == "k-root-v6" && t.Provider == "RIPE NCC" && t.Address.Equals(IPAddress.Parse("2001:7fd::1")));
    }

    [Fact]
    public void Load_LoopbackExample_OnlyLoopbackTargetsWithVantage()
    {
        var config = ConfigLoader.Load(ProbeFile("loopback-example.yaml"));

        Assert.Equal(TimeSpan.FromSeconds(1), config.Timeout);
        Assert.Equal(new VantagePoint("local") { City = "Amsterdam", Country = "NL", Latitude = 52.37, Longitude = 4.89 }, config.Vantage);
        Assert.Equal(["demo-ams", "demo-fra", "demo-lhr"], config.Targets.Select(t => t.Id));
        Assert.Equal([5301, 5302, 5303], config.Targets.Select(t => t.Port));
        Assert.All(config.Targets, t =>
        {
            Assert.True(IPAddress.IsLoopback(t.Address));
            Assert.Equal("demo", t.Provider);
            Assert.Equal(TargetKind.Unicast, t.Kind);
        });
    }

    private static string ProbeFile(string name) => RepositoryFiles.Path("probes", name);
}
