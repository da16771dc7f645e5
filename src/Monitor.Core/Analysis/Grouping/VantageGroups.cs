using System.Globalization;

using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Grouping;

/// <summary>The group a vantage point falls in under a <see cref="VantageGrouping"/>.</summary>
public static class VantageGroups
{
    /// <summary>The group of vantage points that lack what the grouping needs (no country, no AS).</summary>
    public const string Unknown = "(unknown)";

    /// <summary>The group label, or <see cref="Unknown"/>.</summary>
    public static string Of(VantageGrouping grouping, string vantageId, VantagePoint? vantage) => grouping switch
    {
        VantageGrouping.Vantage => vantageId,
        VantageGrouping.Country => vantage?.Country is { Length: > 0 } c ? c.ToUpperInvariant() : Unknown,
        VantageGrouping.Continent => Continents.Default.Of(vantage?.Country) ?? Unknown,
        VantageGrouping.Asn => vantage?.Asn is { } asn ? "AS" + asn.ToString(CultureInfo.InvariantCulture) : Unknown,
        _ => throw new ArgumentOutOfRangeException(nameof(grouping), grouping, "Unknown grouping."),
    };

    /// <summary>The word for a grouping, as <c>--group-by</c> spells it.</summary>
    public static string Name(VantageGrouping grouping) => grouping.ToString().ToLowerInvariant();
}
