using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Core.Analysis.Sites;

/// <summary>A convention with its compiled pattern.</summary>
internal sealed record CompiledRule(SiteRule Rule, Regex Regex, bool HasCountry)
{
    /// <summary>The built-in conventions, compiled to IL once per process (they are tried on every new identity).</summary>
    private static readonly ConcurrentDictionary<SiteRule, CompiledRule> BuiltIn = new(ReferenceEqualityComparer.Instance);

    /// <summary>The compiled rule, or null when <see cref="Problem"/> has something to say.</summary>
    public static CompiledRule? Compile(SiteRule? rule, int index)
    {
        if (Problem(rule, index) is not null)
        {
            return null;
        }

        if (OperatorConventions.Rules.Contains(rule!, ReferenceEqualityComparer.Instance))
        {
            return BuiltIn.GetOrAdd(rule!, r => Make(r, SiteRule.Options | RegexOptions.Compiled)!);
        }

        return Make(rule!, SiteRule.Options);
    }

    private static CompiledRule? Make(SiteRule rule, RegexOptions options) =>
        SiteRule.TryCompile(rule.Pattern, options, out var regex, out _)
            ? new CompiledRule(rule, regex, regex.GetGroupNames().Contains(SiteRule.CountryGroup, StringComparer.Ordinal))
            : null;

    /// <summary>What is wrong with a rule, or null.</summary>
    public static string? Problem(SiteRule? rule, int index)
    {
        var at = index.ToString(CultureInfo.InvariantCulture);
        if (rule is null)
        {
            return $"Rule {at} is null.";
        }

        if (string.IsNullOrWhiteSpace(rule.Name))
        {
            return $"Rule {at} has no name.";
        }

        if (!Enum.IsDefined(rule.Kind) || !Enum.IsDefined(rule.Source))
        {
            return $"Rule '{rule.Name}' has an undefined kind or source.";
        }

        return SiteRule.TryCompile(rule.Pattern ?? string.Empty, out _, out var problem) ? null : $"Rule '{rule.Name}': {problem}.";
    }
}
