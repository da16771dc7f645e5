using System.Globalization;
using System.Net;

using Monitor.Cli.Commands;
using Monitor.Core.Domain;
using Monitor.Core.Text;
using Monitor.Probing;
using Monitor.Rounds;

using YamlDotNet.RepresentationModel;

namespace Monitor.Cli.Configuration;

/// <summary>
/// Reads a target set from YAML. The file has <c>interval</c> (required), <c>timeout</c> (default 2s),
/// <c>rate_limit</c> (queries per second per target per vantage point, default 1), an optional
/// <c>vantage</c> and a list of <c>targets</c>; see <c>probes/*.yaml</c> for examples. A target that
/// would be sent more queries per second than the rate limit is refused.
/// Every problem is a <see cref="ConfigException"/> naming the file, the line and the field.
/// </summary>
public static class ConfigLoader
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);
    private static readonly string[] TopKeys = ["interval", "timeout", "rate_limit", "resolve_every", "vantage", "targets", "burst"];
    private static readonly string[] BurstKeys = ["interval", "limit"];
    private static readonly string[] SiteKeys = ["id", "address"];
    private static readonly string[] VantageKeys = ["id", "city", "country", "latitude", "longitude", "asn"];
    private static readonly string[] TargetKeys =
    [
        "id", "provider", "address", "port", "kind", "transport", "connection", "tls_name", "tls_insecure", "url", "doh_method", "http_version",
        "dnssec", "edns", "edns_size", "query", "identity", "recursion", "sites",
    ];
    private static readonly string[] QueryKeys = ["name", "class", "type"];

    /// <summary>Reads and parses a configuration file.</summary>
    /// <param name="path">The file; messages name it as given.</param>
    /// <exception cref="ConfigException">The file cannot be read or is not a valid configuration.</exception>
    public static MonitorConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(ConfigFile.Read(path), path);
    }

    /// <summary>Parses configuration text.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="source">What to call it in messages and <see cref="MonitorConfig.Source"/>, usually its path.</param>
    /// <exception cref="ConfigException">The text is not a valid configuration.</exception>
    public static MonitorConfig Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(source);
        var root = ConfigYaml.LoadRoot(yaml, source)
            ?? throw new ConfigException(source, null, null, "the file is empty; it needs at least 'interval' and 'targets'");
        var reader = new ConfigReader(source);
        var top = reader.Mapping(root, string.Empty, "a mapping with interval and targets at the top of the file", TopKeys);

        // Each part is read on its own and a problem is recorded, not thrown, so that one run lists
        // every mistake of the file (up to ConfigException.MaxProblems); checks that need a part
        // which failed are left out rather than reported twice.
        var intervalNode = top.Find("interval");
        TimeSpan? interval = reader.Try<TimeSpan?>(
            () =>
            {
                var node = top.Require("interval", "write how often to probe, e.g. 'interval: 30s'");
                var value = reader.Duration(node, "interval");
                return CronSchedule.IsAligned(value, out var intervalProblem) ? value : throw reader.Error(node, "interval", intervalProblem);
            },
            null);

        var timeout = DefaultTimeout;
        if (top.Find("timeout") is { } timeoutNode)
        {
            timeout = reader.Try(
                () =>
                {
                    var value = reader.Duration(timeoutNode, "timeout");
                    if (value <= TimeSpan.Zero)
                    {
                        throw reader.Error(timeoutNode, "timeout", $"{DurationText.Format(value)} is not positive");
                    }

                    if (interval is { } i && value >= i)
                    {
                        throw reader.Error(timeoutNode, "timeout", $"{DurationText.Format(value)} is not shorter than the interval {DurationText.Format(i)}; a query must end before the next round");
                    }

                    return value;
                },
                DefaultTimeout);
        }
        else if (interval is { } i && timeout >= i)
        {
            reader.Report(reader.Error(intervalNode!, "interval", $"{DurationText.Format(i)} is not longer than the default timeout {DurationText.Format(timeout)}; write a shorter 'timeout'"));
        }

        var rateLimit = MonitorConfig.DefaultRateLimit;
        if (top.Find("rate_limit") is { } rateNode)
        {
            rateLimit = reader.Try(
                () =>
                {
                    var value = reader.Number(rateNode, "rate_limit", 0, double.MaxValue, "queries per second per target, a number above 0 such as 1 or 0.5");
                    return value > 0 ? value : throw reader.Error(rateNode, "rate_limit", $"{Rate(value)} is not above 0; write the queries per second one vantage point may send to one target, e.g. 'rate_limit: 1'");
                },
                MonitorConfig.DefaultRateLimit);
        }

        var resolveEvery = MonitorConfig.DefaultResolveEvery;
        if (top.Find("resolve_every") is { } resolveNode)
        {
            resolveEvery = reader.Try(
                () =>
                {
                    var value = reader.Duration(resolveNode, "resolve_every");
                    return value >= TimeSpan.FromSeconds(1) ? value : throw reader.Error(resolveNode, "resolve_every", $"{DurationText.Format(value)} is shorter than 1s; host names are looked up again this often");
                },
                MonitorConfig.DefaultResolveEvery);
        }

        var vantage = top.Find("vantage") is { } vantageNode ? reader.Try(() => ReadVantage(reader, vantageNode), null) : null;
        var problemsBefore = reader.ProblemCount;
        var targets = reader.Try(() => ReadTargets(reader, top.Require("targets", "list the servers to probe under 'targets'"), timeout), []);
        if (interval is { } every && reader.ProblemCount == problemsBefore)
        {
            CheckRate(reader, (YamlSequenceNode)top.Find("targets")!, targets, every, rateLimit);
        }

        var burst = top.Find("burst") is { } burstNode ? reader.Try(() => ReadBurst(reader, burstNode, BurstPolicy.Default), BurstPolicy.Default) : BurstPolicy.Default;
        reader.ThrowIfAny();
        return new MonitorConfig(interval!.Value, timeout, vantage, targets, source) { RateLimit = rateLimit, Burst = burst with { RateLimit = rateLimit }, ResolveEvery = resolveEvery };
    }

    /// <summary>Reports every target that one vantage point would send more than <paramref name="rateLimit"/> queries per second.</summary>
    private static void CheckRate(ConfigReader reader, YamlSequenceNode list, List<Target> targets, TimeSpan interval, double rateLimit)
    {
        for (var i = 0; i < targets.Count; i++)
        {
            var queries = ProbeCost.QueriesPerProbe(targets[i]);
            var rate = ProbeCost.QueriesPerSecond(targets[i], interval);

            // A relative margin, so 3 queries every 3s is exactly 1/s and not 1.0000000000000002.
            if (rate <= rateLimit * (1 + 1e-9))
            {
                continue;
            }

            var what = queries == 1 ? "1 query" : $"{queries} queries (the main query and {queries - 1} identity {(queries == 2 ? "query" : "queries")})";
            reader.Report(reader.Error(
                list.Children[i],
                ConfigReader.Item("targets", i),
                $"target '{targets[i].Id}' would get {Rate(rate)} queries/s ({what} every {DurationText.Format(interval)}), above the rate limit of {Rate(rateLimit)} per second per target; " +
                $"lengthen 'interval', drop identity queries, or raise the limit at the top of the file with 'rate_limit: {Rate(Math.Ceiling(rate * 1000) / 1000)}' if the operator allows it"));
        }
    }

    private static string Rate(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static VantagePoint ReadVantage(ConfigReader reader, YamlNode node)
    {
        var fields = reader.Mapping(node, "vantage", "a mapping with id and optionally city, country, latitude, longitude, asn", VantageKeys);
        var idNode = fields.Require("id", "a vantage point needs an id such as 'ams-home'");
        var id = reader.Text(idNode, fields.Field("id"), "an id such as 'ams-home'");
        if (!VantagePoint.IsValidId(id))
        {
            throw reader.Error(idNode, fields.Field("id"), $"'{id}' must match ^[a-z0-9_-]+$ (lower-case letters, digits, '_' and '-'), because it also names the worker's queue");
        }

        return new VantagePoint(id)
        {
            City = Optional(fields, "city", n => reader.Word(n, fields.Field("city"), "a city name")),
            Country = Optional(fields, "country", n => reader.Word(n, fields.Field("country"), "a country code such as NL")),
            Latitude = OptionalValue(fields, "latitude", n => reader.Number(n, fields.Field("latitude"), -90, 90, "a latitude in degrees, -90 to 90")),
            Longitude = OptionalValue(fields, "longitude", n => reader.Number(n, fields.Field("longitude"), -180, 180, "a longitude in degrees, -180 to 180")),
            Asn = OptionalValue(fields, "asn", n => reader.Integer(n, fields.Field("asn"), 1, uint.MaxValue, "an AS number, 1 to 4294967295")),
        };
    }

    private static List<Target> ReadTargets(ConfigReader reader, YamlNode node, TimeSpan timeout)
    {
        var list = reader.Sequence(node, "targets", "a list of targets");
        if (list.Children.Count == 0)
        {
            throw reader.Error(list, "targets", "the list is empty; give at least one target");
        }

        var targets = new List<Target>(list.Children.Count);
        var seen = new Dictionary<string, (int Index, int Line)>(StringComparer.Ordinal);
        var problems = reader.ProblemCount;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = ConfigReader.Item("targets", i);
            var item = list.Children[i];
            if (reader.Try<(Target Target, YamlNode IdNode)?>(() => ReadTarget(reader, item, path, timeout), null) is not { } read)
            {
                continue;
            }

            var (target, idNode) = read;
            if (!seen.TryAdd(target.Id, (i, ConfigReader.Line(idNode.Start))))
            {
                var first = seen[target.Id];
                reader.Report(reader.Error(idNode, $"{path}.id", $"duplicate target id '{target.Id}'; {ConfigReader.Item("targets", first.Index)} on line {first.Line} has it already"));
                continue;
            }

            targets.Add(target);
        }

        // A target that failed is left out; the caller throws what was recorded before using the list.
        return reader.ProblemCount == problems ? targets : [];
    }

    /// <summary>A target, or null when any of its fields has a problem (each one recorded).</summary>
    private static (Target Target, YamlNode IdNode)? ReadTarget(ConfigReader reader, YamlNode node, string path, TimeSpan timeout)
    {
        var fields = reader.Mapping(node, path, "a target: a mapping with id, provider, address and kind", TargetKeys);
        var problems = reader.ProblemCount;

        var idNode = fields.Find("id");
        var id = reader.Try(
            () =>
            {
                var value = reader.Word(fields.Require("id", "every target needs an id, unique in the file"), fields.Field("id"), "an id such as 'cloudflare-v4'");
                return value.Any(char.IsWhiteSpace) ? throw reader.Error(idNode!, fields.Field("id"), $"'{value}' contains whitespace; use e.g. '-' between words") : value;
            },
            string.Empty);

        var provider = reader.Try(() => reader.Word(fields.Require("provider", "every target needs a provider, e.g. 'Cloudflare'"), fields.Field("provider"), "a provider name"), string.Empty);

        var (address, hostName) = reader.Try<(IPAddress, string?)>(
            () =>
            {
                var addressNode = fields.Require("address", "every target needs an IPv4 or IPv6 address or a host name");
                var addressText = reader.Text(addressNode, fields.Field("address"), "an IPv4 or IPv6 address or a host name");
                if (EndpointText.TryParseAddress(addressText.Trim(), out var literal))
                {
                    return (literal, null);
                }

                return EndpointText.TryParseHost(addressText, out var host, out var hostPort) && hostPort is null
                    ? (IPAddress.Any, host)
                    : throw reader.Error(addressNode, fields.Field("address"), $"'{addressText}' is not an IPv4 or IPv6 address or a host name (write the port under 'port')");
            },
            (IPAddress.Any, null));

        var kind = reader.Try(
            () => reader.Word(fields.Require("kind", "write 'kind: anycast' or 'kind: unicast'"), fields.Field("kind"), "a kind", ("anycast", TargetKind.Anycast), ("unicast", TargetKind.Unicast)),
            TargetKind.Unicast);

        var transport = fields.Find("transport") is { } transportNode
            ? reader.Try(() => reader.Word(transportNode, fields.Field("transport"), "a transport", ("udp", Transport.Udp), ("tcp", Transport.Tcp), ("tls", Transport.Tls), ("https", Transport.Https)), Transport.Udp)
            : Transport.Udp;

        var secure = reader.Try<Target?>(() => ReadTransportSettings(reader, fields, transport), null);
        var port = reader.Try(() => OptionalValue(fields, "port", n => reader.Integer(n, fields.Field("port"), 1, 65535, "a port, 1 to 65535")), null);
        var query = fields.Find("query") is { } queryNode ? reader.Try(() => ReadQuery(reader, queryNode, fields.Field("query")), DnsQuestion.IdServer) : DnsQuestion.IdServer;
        var identity = fields.Find("identity") is { } identityNode
            ? reader.Try(() => ReadIdentity(reader, identityNode, fields.Field("identity")), IdentityMethods.None)
            : IdentityMethods.Nsid | IdentityMethods.IdServer;
        var recursion = reader.Try(() => OptionalValue(fields, "recursion", n => reader.Boolean(n, fields.Field("recursion"))), null) ?? false;
        var sites = fields.Find("sites") is { } sitesNode ? reader.Try(() => ReadSites(reader, sitesNode, fields.Field("sites")), []) : [];
        if (reader.ProblemCount != problems || secure is null)
        {
            return null;
        }

        return (secure with
        {
            Id = id,
            Address = address,
            HostName = hostName,
            Provider = provider,
            Port = (int)(port ?? TransportPorts.Default(transport)),
            Kind = kind,
            Transport = transport,
            Query = query,
            Identity = identity,
            RecursionDesired = recursion,
            Timeout = timeout,
            Sites = sites,
        }, idNode!);
    }

    /// <summary>
    /// The keys that apply to some transports only (<c>connection</c>, <c>tls_name</c>,
    /// <c>tls_insecure</c>, <c>url</c>, <c>doh_method</c>, <c>http_version</c>) and the EDNS knobs
    /// (<c>dnssec</c>, <c>edns</c>, <c>edns_size</c>), as a target to be completed by the caller.
    /// </summary>
    private static Target ReadTransportSettings(ConfigReader reader, ConfigFields fields, Transport transport)
    {
        void Needs(string key, bool allowed, string what)
        {
            if (!allowed && fields.Find(key) is { } node)
            {
                throw reader.Error(node, fields.Field(key), $"'{key}' needs {what} (this target's transport is {transport.ToString().ToLowerInvariant()})");
            }
        }

        var secure = transport is Transport.Tls or Transport.Https;
        Needs("connection", transport != Transport.Udp, "transport tcp, tls or https");
        Needs("tls_name", secure, "transport tls or https");
        Needs("tls_insecure", secure, "transport tls or https");
        Needs("url", transport == Transport.Https, "transport https");
        Needs("doh_method", transport == Transport.Https, "transport https");
        Needs("http_version", transport == Transport.Https, "transport https");

        Uri? url = null;
        if (fields.Find("url") is { } urlNode)
        {
            var text = reader.Text(urlNode, fields.Field("url"), "an https URL such as https://dns.example/dns-query");
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out url) || url.Scheme != Uri.UriSchemeHttps)
            {
                throw reader.Error(urlNode, fields.Field("url"), $"'{text}' is not an https URL such as https://dns.example/dns-query");
            }
        }

        var edns = OptionalValue(fields, "edns", n => reader.Boolean(n, fields.Field("edns"))) ?? true;
        var dnssec = OptionalValue(fields, "dnssec", n => reader.Boolean(n, fields.Field("dnssec"))) ?? false;
        var ednsSize = OptionalValue(fields, "edns_size", n => reader.Integer(n, fields.Field("edns_size"), 512, 65535, "an EDNS UDP payload size, 512 to 65535"));
        if (!edns && (dnssec || ednsSize is not null))
        {
            var key = dnssec ? "dnssec" : "edns_size";
            throw reader.Error(fields.Find(key)!, fields.Field(key), $"'{key}' needs EDNS, and this target has 'edns: false'");
        }

        return new Target("pending", IPAddress.Any)
        {
            Connection = fields.Find("connection") is { } c ? reader.Word(c, fields.Field("connection"), "a connection mode", ("fresh", ConnectionMode.Fresh), ("kept", ConnectionMode.Kept)) : ConnectionMode.Fresh,
            TlsName = fields.Find("tls_name") is { } n ? reader.Word(n, fields.Field("tls_name"), "a TLS name such as 'dns.example'") : null,
            TlsInsecure = OptionalValue(fields, "tls_insecure", v => reader.Boolean(v, fields.Field("tls_insecure"))) ?? false,
            Url = url,
            DohMethod = fields.Find("doh_method") is { } m ? reader.Word(m, fields.Field("doh_method"), "a DoH method", ("post", DohMethod.Post), ("get", DohMethod.Get)) : DohMethod.Post,
            HttpVersion = fields.Find("http_version") is { } h ? reader.Word(h, fields.Field("http_version"), "an HTTP version", ("2", System.Net.HttpVersion.Version20), ("1.1", System.Net.HttpVersion.Version11)) : null,
            Edns = edns,
            Dnssec = dnssec,
            EdnsSize = (ushort?)ednsSize,
        };
    }

    /// <summary><c>burst: off</c>, or a mapping with <c>interval</c> (fastest time between burst probes) and <c>limit</c> (longest burst).</summary>
    private static BurstPolicy ReadBurst(ConfigReader reader, YamlNode node, BurstPolicy defaults)
    {
        if (node is YamlScalarNode { Value: { } word } && string.Equals(word, "off", StringComparison.OrdinalIgnoreCase))
        {
            return defaults with { Interval = TimeSpan.Zero, Limit = TimeSpan.Zero };
        }

        var fields = reader.Mapping(node, "burst", "'off' or a mapping with interval (e.g. 250ms) and limit (e.g. 60s)", BurstKeys);
        var policy = defaults;
        if (fields.Find("interval") is { } intervalNode)
        {
            var value = reader.Duration(intervalNode, fields.Field("interval"));
            if (value < TimeSpan.FromMilliseconds(10))
            {
                throw reader.Error(intervalNode, fields.Field("interval"), $"{DurationText.Format(value)} is shorter than 10ms; write 'burst: off' to turn bursts off");
            }

            policy = policy with { Interval = value };
        }

        if (fields.Find("limit") is { } limitNode)
        {
            var value = reader.Duration(limitNode, fields.Field("limit"));
            if (value <= TimeSpan.Zero || value > TimeSpan.FromHours(1))
            {
                throw reader.Error(limitNode, fields.Field("limit"), $"{DurationText.Format(value)} is not between 1ms and 1h");
            }

            policy = policy with { Limit = value };
        }

        return policy;
    }

    private static List<TargetSite> ReadSites(ConfigReader reader, YamlNode node, string path)
    {
        var list = reader.Sequence(node, path, "a list of sites, each {id, address}");
        var sites = new List<TargetSite>(list.Children.Count);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var item = ConfigReader.Item(path, i);
            var fields = reader.Mapping(list.Children[i], item, "a site: a mapping with id and address", SiteKeys);
            var idNode = fields.Require("id", "every site needs an id such as 'ams1'");
            var id = reader.Word(idNode, fields.Field("id"), "a site id such as 'ams1'");
            if (!TargetSite.IsValidId(id))
            {
                throw reader.Error(idNode, fields.Field("id"), $"'{id}' may not contain whitespace, '=' or ','");
            }

            if (sites.Exists(s => s.Id == id))
            {
                throw reader.Error(idNode, fields.Field("id"), $"duplicate site id '{id}'");
            }

            var addressNode = fields.Require("address", "every site needs its own unicast IPv4 or IPv6 address");
            var text = reader.Text(addressNode, fields.Field("address"), "an IPv4 or IPv6 address");
            if (!EndpointText.TryParseAddress(text.Trim(), out var address))
            {
                throw reader.Error(addressNode, fields.Field("address"), $"'{text}' is not an IPv4 or IPv6 address");
            }

            sites.Add(new TargetSite(id, address));
        }

        return sites;
    }

    private static DnsQuestion ReadQuery(ConfigReader reader, YamlNode node, string path)
    {
        var fields = reader.Mapping(node, path, "a mapping with name and optionally class and type", QueryKeys);
        var nameNode = fields.Require("name", "a query needs a name such as 'example.com'");
        var name = reader.Text(nameNode, fields.Field("name"), "a query name such as 'example.com'");

        ushort qclass = DnsClasses.IN;
        if (fields.Find("class") is { } classNode)
        {
            var text = reader.Text(classNode, fields.Field("class"), "a class such as IN or CH");
            if (!DnsNames.TryParseClass(text, out qclass))
            {
                throw reader.Error(classNode, fields.Field("class"), $"'{text}' is not a DNS class; write IN, CH or CLASSnnn");
            }
        }

        ushort qtype = DnsTypes.A;
        if (fields.Find("type") is { } typeNode)
        {
            var text = reader.Text(typeNode, fields.Field("type"), "a type such as A, AAAA, TXT or SOA");
            if (!DnsNames.TryParseType(text, out qtype))
            {
                throw reader.Error(typeNode, fields.Field("type"), $"'{text}' is not a DNS type; write e.g. A, AAAA, TXT, SOA or TYPE65");
            }
        }

        try
        {
            return new DnsQuestion(name, qclass, qtype);
        }
        catch (ArgumentException ex)
        {
            var message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
            throw new ConfigException(reader.Source, ConfigReader.Line(nameNode.Start), fields.Field("name"), message.TrimEnd('.'), ex);
        }
    }

    private static IdentityMethods ReadIdentity(ConfigReader reader, YamlNode node, string path)
    {
        const string Expected = "a list of identity methods such as [nsid, id.server, hostname.bind], or [] for none";
        var list = reader.Sequence(node, path, Expected);
        var methods = IdentityMethods.None;
        for (var i = 0; i < list.Children.Count; i++)
        {
            var item = list.Children[i];
            var field = ConfigReader.Item(path, i);
            var text = reader.Text(item, field, "nsid, id.server, hostname.bind or none");
            if (string.Equals(text, IdentityText.NoneName, StringComparison.OrdinalIgnoreCase))
            {
                if (list.Children.Count > 1)
                {
                    throw reader.Error(item, field, "'none' cannot be combined with other methods; write [none] or [] alone");
                }

                continue;
            }

            if (!IdentityText.TryParseMethod(text, out var method))
            {
                throw reader.Error(item, field, $"unknown identity method '{text}'; use nsid, id.server, hostname.bind, or [] / [none] for none");
            }

            if (methods.HasFlag(method))
            {
                throw reader.Error(item, field, $"'{text}' is listed twice");
            }

            methods |= method;
        }

        return methods;
    }

    private static string? Optional(ConfigFields fields, string key, Func<YamlNode, string> read) =>
        fields.Find(key) is { } node ? read(node) : null;

    private static T? OptionalValue<T>(ConfigFields fields, string key, Func<YamlNode, T> read)
        where T : struct =>
        fields.Find(key) is { } node ? read(node) : null;
}
