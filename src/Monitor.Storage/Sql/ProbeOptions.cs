using System.Text.Json;
using System.Text.Json.Serialization;

using Monitor.Core.Domain;

namespace Monitor.Storage.Sql;

/// <summary>
/// The <c>targets.probe_options</c> column: a target's host name, connection mode, TLS and DoH
/// settings and EDNS knobs as one JSON object of the keys the YAML uses, only those that differ from
/// the defaults; null when all are the defaults.
/// </summary>
internal sealed record ProbeOptions
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string? HostName { get; init; }

    public string? Connection { get; init; }

    public string? TlsName { get; init; }

    public bool? TlsInsecure { get; init; }

    public string? Url { get; init; }

    public string? DohMethod { get; init; }

    public string? HttpVersion { get; init; }

    public bool? Dnssec { get; init; }

    public bool? Edns { get; init; }

    public int? EdnsSize { get; init; }

    /// <summary>The column's text for <paramref name="target"/>, or null for all defaults.</summary>
    public static string? Format(Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var options = new ProbeOptions
        {
            HostName = target.HostName,
            Connection = target.Connection == ConnectionMode.Fresh ? null : "kept",
            TlsName = target.TlsName,
            TlsInsecure = target.TlsInsecure ? true : null,
            Url = target.Url?.AbsoluteUri,
            DohMethod = target.DohMethod == Core.Domain.DohMethod.Post ? null : "get",
            HttpVersion = target.HttpVersion is { } v ? (v.Major == 2 ? "2" : "1.1") : null,
            Dnssec = target.Dnssec ? true : null,
            Edns = target.Edns ? null : false,
            EdnsSize = target.EdnsSize,
        };
        return options == new ProbeOptions() ? null : JsonSerializer.Serialize(options, Json);
    }

    /// <summary><paramref name="target"/> with the settings of <paramref name="text"/> (null: unchanged).</summary>
    public static Target Apply(Target target, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return target;
        }

        var o = JsonSerializer.Deserialize<ProbeOptions>(text, Json) ?? new ProbeOptions();
        return target with
        {
            HostName = o.HostName,
            Connection = o.Connection == "kept" ? ConnectionMode.Kept : ConnectionMode.Fresh,
            TlsName = o.TlsName,
            TlsInsecure = o.TlsInsecure ?? false,
            Url = o.Url is null ? null : new Uri(o.Url),
            DohMethod = o.DohMethod == "get" ? Core.Domain.DohMethod.Get : Core.Domain.DohMethod.Post,
            HttpVersion = o.HttpVersion switch { "2" => System.Net.HttpVersion.Version20, "1.1" => System.Net.HttpVersion.Version11, _ => null },
            Dnssec = o.Dnssec ?? false,
            Edns = o.Edns ?? true,
            EdnsSize = (ushort?)o.EdnsSize,
        };
    }
}
