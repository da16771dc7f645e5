using System.Globalization;

using Monitor.Cli.Commands;
using Monitor.Core.Domain;
using Monitor.Probing;

namespace Monitor.Cli.Output;

/// <summary>How values are written for people: UTC ISO 8601, milliseconds with three decimals.</summary>
internal static class Formats
{
    /// <summary>An instant in UTC, ISO 8601 with milliseconds.</summary>
    public static string Utc(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Milliseconds with three decimals, or a dash.</summary>
    public static string Ms(double? ms) => ms is null ? "-" : ms.Value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A target as written on the command line.</summary>
    public static string Label(Target target) => EndpointText.Format(target.Address, target.Port);

    /// <summary>A question as dig writes it: <c>id.server CH TXT</c>.</summary>
    public static string Question(DnsQuestion question) =>
        $"{(question.Name.Length == 0 ? "." : question.Name)} {DnsNames.ClassName(question.QClass)} {DnsNames.TypeName(question.QType)}";

    /// <summary>The outcome word used in text and JSON.</summary>
    public static string Outcome(ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Answered => "answered",
        ProbeOutcome.Timeout => "timeout",
        ProbeOutcome.NetworkError => "network_error",
        ProbeOutcome.Malformed => "malformed",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
