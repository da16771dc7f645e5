using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// One way an operator writes its node identities: a .NET regular expression with a named group
/// <c>code</c> (and, for <see cref="SiteCodeKind.Locode"/>, optionally <c>country</c>). Patterns match
/// case-insensitively and culture-invariantly, with a timeout; see <see cref="SiteResolver"/>.
/// </summary>
/// <param name="Name">A short name for messages, e.g. <c>pch-rrdns</c>.</param>
/// <param name="Pattern">The regular expression.</param>
/// <param name="Kind">What the <c>code</c> group captures.</param>
/// <param name="Source">The identity method the rule applies to.</param>
public sealed record SiteRule(string Name, string Pattern, SiteCodeKind Kind, IdentitySource Source)
{
    /// <summary>The name of the group that captures the location code.</summary>
    public const string CodeGroup = "code";

    /// <summary>The name of the optional group that captures a UN/LOCODE's country.</summary>
    public const string CountryGroup = "country";

    /// <summary>
    /// When true, a match counts only if its code is in the <see cref="AirportTable"/>; otherwise the
    /// next match in the same text is tried. Generic rules that look for a code anywhere need it;
    /// an operator's own format does not, and an unknown code there is still a site (without a place).
    /// </summary>
    public bool RequireKnown { get; init; }

    /// <summary>How every rule's pattern is compiled.</summary>
    internal const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>How long one match may take before the rule counts as not matching.</summary>
    internal static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Checks that <paramref name="pattern"/> is a valid .NET regular expression with a <c>code</c> group.</summary>
    /// <param name="pattern">The pattern.</param>
    /// <param name="problem">What is wrong, when it returns false.</param>
    /// <returns>True when a <see cref="SiteRule"/> may use the pattern.</returns>
    public static bool TryCheckPattern(string pattern, [NotNullWhen(false)] out string? problem) =>
        TryCompile(pattern, out _, out problem);

    /// <summary>Compiles a pattern as rules use it.</summary>
    internal static bool TryCompile(string pattern, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? problem) =>
        TryCompile(pattern, Options, out regex, out problem);

    /// <summary>Compiles a pattern with the given options (the built-in conventions add <see cref="RegexOptions.Compiled"/>).</summary>
    internal static bool TryCompile(string pattern, RegexOptions options, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        regex = null;
        if (pattern.Length == 0)
        {
            problem = "the pattern is empty";
            return false;
        }

        try
        {
            regex = new Regex(pattern, options, MatchTimeout);
        }
        catch (ArgumentException ex)
        {
            problem = $"not a valid .NET regular expression: {ex.Message}";
            return false;
        }

        if (!regex.GetGroupNames().Contains(CodeGroup, StringComparer.Ordinal))
        {
            regex = null;
            problem = $"the pattern has no named group '{CodeGroup}'; write (?<{CodeGroup}>...) around the location code";
            return false;
        }

        problem = null;
        return true;
    }
}
