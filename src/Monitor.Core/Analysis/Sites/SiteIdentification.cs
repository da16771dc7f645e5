using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// What <see cref="SiteEngine"/> made of an identity: the site (or, when unknown, an unparsed site whose
/// code is the identity text), how sure it is, and why.
/// </summary>
/// <param name="Site">The site; <see cref="Site.Parsed"/> is false when <paramref name="Confidence"/> is unknown.</param>
/// <param name="Confidence">How sure the engine is.</param>
/// <param name="Rule">The operator convention or generic method that decided, e.g. <c>pch-rrdns</c> or <c>generic:iata-digits</c>; null when unknown.</param>
/// <param name="Evidence">In order: what decided (rule, token, table) and each candidate physics rejected.</param>
/// <param name="Reason">Why the identity stayed unknown; null otherwise.</param>
public sealed record SiteIdentification(Site Site, SiteConfidence Confidence, string? Rule, ValueList<string> Evidence, string? Reason)
{
    /// <summary>True when a site was named (any confidence but unknown).</summary>
    public bool Identified => Confidence != SiteConfidence.Unknown;

    /// <summary>True when the site may count in catchment shares: identified with medium or high confidence.</summary>
    public bool Counts => Confidence is SiteConfidence.Medium or SiteConfidence.High;

    /// <summary>An unknown identity: an unparsed site whose code is <paramref name="text"/>.</summary>
    public static SiteIdentification Unknown(string text, string reason, IEnumerable<string>? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(reason);
        return new SiteIdentification(Site.Unparsed(text), SiteConfidence.Unknown, null, new ValueList<string>(evidence ?? []), reason);
    }
}
