using System.Globalization;

using Monitor.Core.Analysis.Promises;
using Monitor.Core.Analysis.Routing;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Core.Text;

/// <summary>
/// The words and forms every output uses (text, JSON, CSV, PDF, logs): outcome names, change and
/// steering kinds, instants in UTC ISO 8601, milliseconds with three decimals. Spelled here once;
/// the README documents them, so they are part of the contract.
/// </summary>
public static class OutputWords
{
    private const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private const string UtcSecondsFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>An instant in UTC, ISO 8601 with milliseconds: <c>2026-01-02T03:04:05.678Z</c>.</summary>
    public static string Utc(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString(UtcFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// An instant in UTC, ISO 8601 to the second: <c>2026-01-02T03:04:05Z</c>; for the PDF's narrow
    /// table columns, where milliseconds would not fit.
    /// </summary>
    public static string UtcSeconds(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString(UtcSecondsFormat, CultureInfo.InvariantCulture);

    /// <summary>Milliseconds with three decimals, or a dash.</summary>
    public static string Ms(double? ms) => ms is null ? "-" : ms.Value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>The outcome word: <c>answered</c>, <c>timeout</c>, <c>network_error</c>, <c>malformed</c>.</summary>
    public static string Outcome(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Answered => "answered",
        ProbeOutcome.Timeout => "timeout",
        ProbeOutcome.NetworkError => "network_error",
        ProbeOutcome.Malformed => "malformed",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    /// <summary>The route change kind: <c>shift</c>, <c>flapping</c>, <c>outage</c>, <c>transient</c>.</summary>
    public static string Kind(RouteChangeKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The steering kind: <c>unicast</c>, <c>anycast</c>, <c>geodns</c>, <c>both</c>.</summary>
    public static string Steering(SteeringKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The reasons an answer is possibly intercepted: <c>foreign_identity</c>, <c>rcode</c>, <c>below_physical_floor</c>.</summary>
    public static IReadOnlyList<string> Interception(Analysis.Interception.InterceptionReasons reasons) =>
        [
            .. reasons.HasFlag(Analysis.Interception.InterceptionReasons.ForeignIdentity) ? ["foreign_identity"] : Array.Empty<string>(),
            .. reasons.HasFlag(Analysis.Interception.InterceptionReasons.Rcode) ? ["rcode"] : Array.Empty<string>(),
            .. reasons.HasFlag(Analysis.Interception.InterceptionReasons.BelowPhysicalFloor) ? ["below_physical_floor"] : Array.Empty<string>(),
        ];

    /// <summary>A site confidence as JSON and text write it: <c>high</c>, <c>medium</c>, <c>low</c>, <c>unknown</c>.</summary>
    public static string Confidence(SiteConfidence confidence) => confidence.ToString().ToLowerInvariant();
}
