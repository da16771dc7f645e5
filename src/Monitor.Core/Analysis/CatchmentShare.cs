namespace Monitor.Core.Analysis;

/// <summary>The share of one vantage point's answers for one target that came from one site.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="VantageId">The vantage point.</param>
/// <param name="Site">The site code.</param>
/// <param name="Identity">The identity most often seen from that site.</param>
/// <param name="Answers">Answers from that site.</param>
/// <param name="Share">Answers from that site / all answers of the vantage point, 0–1.</param>
/// <param name="Dominant">True for the vantage point's most frequent site (its catchment).</param>
public sealed record CatchmentShare(string TargetId, string VantageId, string Site, string Identity, int Answers, double Share, bool Dominant);
