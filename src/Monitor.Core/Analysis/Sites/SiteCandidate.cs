namespace Monitor.Core.Analysis.Sites;

/// <summary>One reading of an identity: a place, how it was found, and how much it counts.</summary>
/// <param name="Place">The place.</param>
/// <param name="Score">Higher is better; readings are tried best first.</param>
/// <param name="Rule">The convention or generic method (<c>generic:…</c>) that found it.</param>
/// <param name="Token">The token it was read from.</param>
/// <param name="Confidence">The confidence it carries if chosen; unknown ones are never chosen.</param>
/// <param name="Evidence">How it was found, for the identification's evidence.</param>
internal sealed record SiteCandidate(SitePlace Place, double Score, string Rule, string Token, SiteConfidence Confidence, string Evidence);
