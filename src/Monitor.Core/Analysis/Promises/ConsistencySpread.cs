namespace Monitor.Core.Analysis.Promises;

/// <summary>
/// How evenly fast one provider is across the regions of one level: the best and worst regional
/// median, their ratio and the coefficient of variation (population standard deviation over mean) of
/// the regional medians; <see cref="Rank"/> 1 is the most consistent provider at that level.
/// </summary>
/// <param name="Provider">The provider.</param>
/// <param name="Level">"continent" or "country".</param>
/// <param name="Regions">Regions with answers.</param>
/// <param name="BestRegion">The region with the lowest median.</param>
/// <param name="BestP50Ms">Its median, ms.</param>
/// <param name="WorstRegion">The region with the highest median.</param>
/// <param name="WorstP50Ms">Its median, ms.</param>
/// <param name="Ratio">Worst over best median; null when the best is 0.</param>
/// <param name="Cv">Coefficient of variation of the regional medians; null when their mean is 0.</param>
/// <param name="Rank">Rank by ratio, then CV, among the providers at this level.</param>
public sealed record ConsistencySpread(
    string Provider,
    string Level,
    int Regions,
    string BestRegion,
    double BestP50Ms,
    string WorstRegion,
    double WorstP50Ms,
    double? Ratio,
    double? Cv,
    int Rank);
