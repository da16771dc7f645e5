using System.Security.Cryptography;
using System.Text;

namespace Monitor.Cli.Alerts;

/// <summary>
/// One alert, shaped like an Alertmanager alert: labels that identify it (<c>alertname</c> first),
/// annotations that explain it, when it started and, once resolved, when it ended.
/// </summary>
/// <param name="Firing">True while the condition holds (<c>firing</c>); false once it ended (<c>resolved</c>).</param>
/// <param name="Labels">What identifies it: alertname, severity, target, provider, vantage, and per kind more.</param>
/// <param name="Annotations">summary and description, for people.</param>
/// <param name="StartsAt">When the condition began.</param>
/// <param name="EndsAt">When it ended; null while firing.</param>
public sealed record Alert(
    bool Firing,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt)
{
    /// <summary>The alert's name (the <c>alertname</c> label).</summary>
    public string Name => Labels.GetValueOrDefault("alertname", string.Empty);

    /// <summary><c>firing</c> or <c>resolved</c>.</summary>
    public string Status => Firing ? "firing" : "resolved";

    /// <summary>A stable id of the label set (16 hex digits of its SHA-256), the same when it fires and resolves.</summary>
    public string Fingerprint
    {
        get
        {
            var text = string.Join('\n', Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        }
    }

    /// <summary>A few words for log lines: name and target.</summary>
    public override string ToString() => $"{Name} {Status} (target {Labels.GetValueOrDefault("target", "?")})";
}
