namespace Monitor.Core.Analysis.Sites;

/// <summary>What the <c>code</c> group of a <see cref="SiteRule"/> captures.</summary>
public enum SiteCodeKind
{
    /// <summary>An IATA airport code (<c>AMS</c>) or metropolitan city code (<c>LON</c>).</summary>
    Iata,

    /// <summary>
    /// The 3-character location part of a UN/LOCODE (UNECE Recommendation 16), e.g. <c>ams</c> in
    /// <c>nl-ams</c>; an optional <c>country</c> group captures the ISO 3166-1 alpha-2 part.
    /// </summary>
    Locode,
}
