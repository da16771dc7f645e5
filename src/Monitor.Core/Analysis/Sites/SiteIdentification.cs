using Monitor.Core.Domain;

namespace Monitor.Core.Analysis.Sites;

/// <summary>
/// What <see cref="SiteEngine"/> made of an identity: the site (or, when unknown, an unparsed site whose
/// code is the identity text, or <see cref="Site.PhysicsRejected"/> when physics rejected every place it names),
/// how sure it is, and why.
/// </summary>
/// <param name="Site">The site; <see cref="Site.Parsed"/> is false when <paramref name="Confidence"/> is unknown.</param>
/// <param name="Confidence">How sure the engine is.</param>
/// <param name="Rule">The operator convention or generic method that decided, e.g. <c>pch-rrdns</c> or <c>generic:iata-digits</c>; null when unknown.</param>
/// <param name="Evidence">In order: what decided (rule, token, table) and each candidate physics rejected.</param>
/// <param name="Reason">Why the identity stayed unknown; null otherwise.</param>
public sealed record SiteIdentification(Site Site, SiteConfidence Confidence, string? Rule, ValueList<string> Evidence, string? Reason)
{
    /// <summary>
    /// When physics rejected every candidate: the site the identity names (its first candidate), which light in fibre
    /// could not have reached from the vantage point in the time; <see cref="Site"/> is then the
    /// <see cref="Site.PhysicsRejected"/> unknown. Null otherwise.
    /// </summary>
    public Site? Claimed { get; init; }

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

    /// <summary>An identity physics rules out: unknown under its own code (<see cref="Site.PhysicsRejected"/>), naming the site it claims.</summary>
    /// <param name="text">The identity text.</param>
    /// <param name="claimed">The site its first candidate named.</param>
    /// <param name="reason">Why it stayed unknown.</param>
    /// <param name="evidence">Each rejection, with distance, RTT and the reach light allows.</param>
    public static SiteIdentification Rejected(string text, Site claimed, string reason, IEnumerable<string> evidence)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(evidence);
        return new SiteIdentification(Site.PhysicsRejected(text), SiteConfidence.Unknown, null, new ValueList<string>(evidence), reason) { Claimed = claimed };
    }
}
