using System.Globalization;
using System.Text.RegularExpressions;

using Monitor.Cli.Alerts;
using Monitor.Core.Domain;
using Monitor.Core.Text;

using YamlDotNet.RepresentationModel;

namespace Monitor.Cli.Configuration;

/// <summary>
/// Reads the <c>alerts:</c> block (see <see cref="AlertsConfig"/>). Secrets never sit in the file:
/// <c>${NAME}</c> in a URL, a bearer token or a header value is replaced by the environment variable,
/// and <c>bearer_token_file</c> or a header's <c>{file: PATH}</c> reads one from a file (relative paths
/// from the configuration file's directory). Every problem is a <see cref="ConfigException"/>.
/// </summary>
internal static partial class AlertsConfigReader
{
    private static readonly string[] Keys = ["receivers", "route_shifts", "outages", "thresholds", "queue", "attempts", "backoff", "max_backoff"];
    private static readonly string[] ReceiverKeys = ["url", "name", "bearer_token", "bearer_token_file", "headers", "timeout"];
    private static readonly string[] ThresholdKeys = ["target", "window", "loss", "latency_p50", "min_probes"];
    private static readonly string[] FileKeys = ["file"];

    /// <summary>Reads the block at <paramref name="node"/>; <paramref name="targets"/> are the file's, for <c>thresholds[].target</c>.</summary>
    public static AlertsConfig Read(ConfigReader reader, YamlNode node, IReadOnlyList<Target> targets)
    {
        var fields = reader.Mapping(node, "alerts", "a mapping with receivers and optionally route_shifts, outages, thresholds, queue, attempts, backoff, max_backoff", Keys);
        var list = reader.Sequence(fields.Require("receivers", "list the webhook URLs that get alerts under 'receivers'"), fields.Field("receivers"), "a list of receivers, each {url: …}");
        if (list.Children.Count == 0)
        {
            throw reader.Error(list, fields.Field("receivers"), "the list is empty; give at least one receiver, or leave 'alerts' out");
        }

        var receivers = new List<AlertReceiver>(list.Children.Count);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var receiver = ReadReceiver(reader, list.Children[i], ConfigReader.Item(fields.Field("receivers"), i));
            if (receivers.Exists(r => r.Name == receiver.Name))
            {
                throw reader.Error(list.Children[i], ConfigReader.Item(fields.Field("receivers"), i), $"two receivers are named '{receiver.Name}'; give each its own 'name'");
            }

            receivers.Add(receiver);
        }

        var thresholds = new List<AlertThreshold>();
        if (fields.Find("thresholds") is { } thresholdsNode)
        {
            var items = reader.Sequence(thresholdsNode, fields.Field("thresholds"), "a list of thresholds, each {target, window, loss, latency_p50}");
            for (var i = 0; i < items.Children.Count; i++)
            {
                thresholds.Add(ReadThreshold(reader, items.Children[i], ConfigReader.Item(fields.Field("thresholds"), i), targets));
            }
        }

        var config = new AlertsConfig(receivers, thresholds);
        if (fields.Find("route_shifts") is { } shifts)
        {
            config = config with { RouteShifts = reader.Boolean(shifts, fields.Field("route_shifts")) };
        }

        if (fields.Find("outages") is { } outages)
        {
            config = config with { Outages = reader.Boolean(outages, fields.Field("outages")) };
        }

        if (fields.Find("queue") is { } queue)
        {
            config = config with { QueueSize = (int)reader.Integer(queue, fields.Field("queue"), 1, 100_000, "alerts held per receiver, 1 to 100000") };
        }

        if (fields.Find("attempts") is { } attempts)
        {
            config = config with { Attempts = (int)reader.Integer(attempts, fields.Field("attempts"), 1, 20, "tries per alert, 1 to 20") };
        }

        if (fields.Find("backoff") is { } backoff)
        {
            config = config with { Backoff = Between(reader, backoff, fields.Field("backoff"), TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10)) };
        }

        if (fields.Find("max_backoff") is { } maxBackoff)
        {
            config = config with { MaxBackoff = Between(reader, maxBackoff, fields.Field("max_backoff"), TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10)) };
        }

        if (config.MaxBackoff < config.Backoff)
        {
            var at = fields.Find("max_backoff") ?? fields.Find("backoff")!;
            throw reader.Error(at, fields.Field(fields.Find("max_backoff") is null ? "backoff" : "max_backoff"), $"max_backoff {DurationText.Format(config.MaxBackoff)} is shorter than backoff {DurationText.Format(config.Backoff)}");
        }

        return config;
    }

    private static AlertReceiver ReadReceiver(ConfigReader reader, YamlNode node, string path)
    {
        var fields = reader.Mapping(node, path, "a receiver: a mapping with url and optionally name, bearer_token, bearer_token_file, headers, timeout", ReceiverKeys);
        var urlNode = fields.Require("url", "a receiver needs the URL alerts are POSTed to");
        var urlText = Expand(reader, urlNode, fields.Field("url"), reader.Word(urlNode, fields.Field("url"), "an http or https URL"));
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw reader.Error(urlNode, fields.Field("url"), "is not an http or https URL such as http://127.0.0.1:9095/alerts");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (fields.Find("headers") is { } headersNode)
        {
            var map = headersNode as YamlMappingNode
                ?? throw reader.Error(headersNode, fields.Field("headers"), $"expected a mapping of header names to values, found {ConfigReader.Describe(headersNode)}");
            foreach (var (keyNode, valueNode) in map.Children)
            {
                var name = reader.Word(keyNode, fields.Field("headers"), "a header name");
                var field = ConfigReader.Child(fields.Field("headers"), name);
                if (!HeaderName().IsMatch(name))
                {
                    throw reader.Error(keyNode, field, $"'{name}' is not an HTTP header name (letters, digits and '-')");
                }

                if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                {
                    throw reader.Error(keyNode, field, $"'{name}' is set by Monitor and cannot be given");
                }

                headers[name] = Secret(reader, valueNode, field);
            }
        }

        var token = fields.Find("bearer_token");
        var tokenFile = fields.Find("bearer_token_file");
        if (token is not null && tokenFile is not null)
        {
            throw reader.Error(tokenFile, fields.Field("bearer_token_file"), "give bearer_token or bearer_token_file, not both");
        }

        if (token is not null || tokenFile is not null)
        {
            var key = token is not null ? "bearer_token" : "bearer_token_file";
            if (headers.ContainsKey("Authorization"))
            {
                throw reader.Error((token ?? tokenFile)!, fields.Field(key), "the headers set Authorization already; give one of them");
            }

            var value = token is not null
                ? Expand(reader, token, fields.Field(key), reader.Word(token, fields.Field(key), "a token, e.g. ${MONITOR_ALERT_TOKEN}"))
                : FromFile(reader, tokenFile!, fields.Field(key), reader.Word(tokenFile!, fields.Field(key), "a file path"));
            headers["Authorization"] = "Bearer " + value;
        }

        var timeout = fields.Find("timeout") is { } t ? Between(reader, t, fields.Field("timeout"), TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1)) : TimeSpan.FromSeconds(5);
        var receiverName = fields.Find("name") is { } nameNode ? reader.Word(nameNode, fields.Field("name"), "a name such as 'ops'") : url.Authority;
        return new AlertReceiver(receiverName, url, headers, timeout);
    }

    private static AlertThreshold ReadThreshold(ConfigReader reader, YamlNode node, string path, IReadOnlyList<Target> targets)
    {
        var fields = reader.Mapping(node, path, "a threshold: a mapping with loss and/or latency_p50 and optionally target, window, min_probes", ThresholdKeys);
        string? target = null;
        if (fields.Find("target") is { } targetNode)
        {
            var id = reader.Word(targetNode, fields.Field("target"), "a target id, or \"*\" for all");
            if (id != "*")
            {
                if (!targets.Any(t => t.Id == id))
                {
                    throw reader.Error(targetNode, fields.Field("target"), $"no target has id '{id}'; the targets are {string.Join(", ", targets.Select(t => t.Id))} (or \"*\" for all)");
                }

                target = id;
            }
        }

        var window = fields.Find("window") is { } w ? Between(reader, w, fields.Field("window"), TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)) : TimeSpan.FromMinutes(5);
        double? loss = null;
        if (fields.Find("loss") is { } lossNode)
        {
            var text = reader.Text(lossNode, fields.Field("loss"), "a percentage such as 20%").Trim();
            if (!text.EndsWith('%') || !double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) || percent is < 0 or > 100)
            {
                throw reader.Error(lossNode, fields.Field("loss"), $"'{text}' is not a percentage from 0% to 100%; write e.g. 'loss: 20%'");
            }

            loss = percent / 100;
        }

        var latency = fields.Find("latency_p50") is { } latencyNode ? Between(reader, latencyNode, fields.Field("latency_p50"), TimeSpan.FromMicroseconds(1), TimeSpan.FromMinutes(1)) : (TimeSpan?)null;
        if (loss is null && latency is null)
        {
            throw reader.Error(node, path, "give loss (e.g. 20%), latency_p50 (e.g. 100ms) or both");
        }

        var minProbes = fields.Find("min_probes") is { } m ? (int)reader.Integer(m, fields.Field("min_probes"), 1, 100_000, "probes in the window before it is judged, 1 to 100000") : 5;
        return new AlertThreshold(target, window, loss, latency, minProbes);
    }

    /// <summary>A header value: text with <c>${NAME}</c> expanded, or <c>{file: PATH}</c>.</summary>
    private static string Secret(ConfigReader reader, YamlNode node, string field)
    {
        if (node is YamlMappingNode)
        {
            var fields = reader.Mapping(node, field, "a header value, or {file: PATH}", FileKeys);
            var pathNode = fields.Require("file", "write {file: PATH} to read the value from a file");
            return FromFile(reader, pathNode, fields.Field("file"), reader.Word(pathNode, fields.Field("file"), "a file path"));
        }

        return Expand(reader, node, field, reader.Word(node, field, "a header value"));
    }

    /// <summary>Replaces each <c>${NAME}</c> by the environment variable; a variable not set is an error.</summary>
    private static string Expand(ConfigReader reader, YamlNode node, string field, string text) =>
        Variable().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            return Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
                ? value
                : throw reader.Error(node, field, $"the environment variable {name} is not set (the value reads ${{{name}}})");
        });

    /// <summary>The file's text without its trailing line break; relative paths from the configuration file's directory.</summary>
    private static string FromFile(ConfigReader reader, YamlNode node, string field, string path)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(reader.Source)) ?? ".", path);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw reader.Error(node, field, $"cannot read '{path}': {ex.Message}");
        }

        text = text.TrimEnd('\r', '\n');
        return text.Length > 0 && !text.Contains('\n', StringComparison.Ordinal) ? text : throw reader.Error(node, field, $"'{path}' must hold one line, the secret");
    }

    private static TimeSpan Between(ConfigReader reader, YamlNode node, string field, TimeSpan min, TimeSpan max)
    {
        var value = reader.Duration(node, field);
        return value >= min && value <= max
            ? value
            : throw reader.Error(node, field, $"{DurationText.Format(value)} is not between {DurationText.Format(min)} and {DurationText.Format(max)}");
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Variable();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderName();
}
