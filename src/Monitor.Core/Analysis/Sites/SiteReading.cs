namespace Monitor.Core.Analysis.Sites;

/// <summary>What an identity string yields before physics: its candidates, best first, cached per (text, method, provider).</summary>
internal sealed class SiteReading(string text, SiteCandidate[] candidates, string reason)
{
    /// <summary>The identity text.</summary>
    public string Text { get; } = text;

    /// <summary>The candidates, best first.</summary>
    public SiteCandidate[] Candidates { get; } = candidates;

    /// <summary>Why there is no candidate, when there is none.</summary>
    public string Reason { get; } = reason;

    /// <summary>The identification without physics.</summary>
    public SiteIdentification Plain { get; set; } = null!;
}
