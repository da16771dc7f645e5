using Monitor.Core.Analysis.Sites;

namespace Monitor.Core.Analysis;

/// <summary>
/// An identity the site engine could not stand behind: a low-confidence guess (kept out of catchment
/// shares) or an unknown (its own site), with the answers that carried it.
/// </summary>
/// <param name="Identity">The identity text as observed (the most frequent one of its site in a series).</param>
/// <param name="Site">The site code it was given (for an unknown, the identity text itself).</param>
/// <param name="Confidence"><see cref="SiteConfidence.Low"/> or <see cref="SiteConfidence.Unknown"/>.</param>
/// <param name="Answers">Answers that carried it, over all series.</param>
/// <param name="Reason">Why it is unknown, or what the guess rests on.</param>
public sealed record UncertainIdentity(string Identity, string Site, SiteConfidence Confidence, int Answers, string? Reason);
