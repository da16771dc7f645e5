namespace Monitor.Core.Analysis.Promises;

/// <summary>The measured form of the optimal-catchment score: of the vantage points with path-inflation rows, how many are on their nearest site.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="Vantages">Vantage points whose sites were all probed.</param>
/// <param name="OnNearest">Of those, the ones served by their lowest-RTT site.</param>
/// <param name="MedianInflationMs">The median of their path inflation, ms.</param>
public sealed record NearestSite(string TargetId, int Vantages, int OnNearest, double MedianInflationMs)
{
    /// <summary>OnNearest / Vantages.</summary>
    public double Share => Vantages == 0 ? 0 : (double)OnNearest / Vantages;
}
