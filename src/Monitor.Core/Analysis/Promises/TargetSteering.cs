namespace Monitor.Core.Analysis.Promises;

/// <summary>
/// The steering a target showed: by vantage point, how many distinct sites answered (each vantage
/// point's dominant site) and how many distinct address answers came back (each vantage point's
/// dominant answer set; only for A/AAAA main queries).
/// </summary>
/// <param name="TargetId">The target.</param>
/// <param name="Provider">Its provider.</param>
/// <param name="Vantages">Vantage points with answers.</param>
/// <param name="Sites">Distinct dominant sites over those vantage points (answers without identity not counted).</param>
/// <param name="AnswerSets">Distinct dominant answer sets; 0 when the main query does not ask for addresses.</param>
public sealed record TargetSteering(string TargetId, string Provider, int Vantages, int Sites, int AnswerSets)
{
    /// <summary>The kind of steering seen.</summary>
    public SteeringKind Kind => (Sites > 1, AnswerSets > 1) switch
    {
        (true, true) => SteeringKind.Both,
        (true, false) => SteeringKind.Anycast,
        (false, true) => SteeringKind.GeoDns,
        _ => SteeringKind.Unicast,
    };

    /// <summary>The kind of a provider with these targets: anycast and GeoDNS together make both.</summary>
    public static SteeringKind Combine(IEnumerable<SteeringKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var set = kinds.ToHashSet();
        var anycast = set.Contains(SteeringKind.Anycast) || set.Contains(SteeringKind.Both);
        var geo = set.Contains(SteeringKind.GeoDns) || set.Contains(SteeringKind.Both);
        return (anycast, geo) switch
        {
            (true, true) => SteeringKind.Both,
            (true, false) => SteeringKind.Anycast,
            (false, true) => SteeringKind.GeoDns,
            _ => SteeringKind.Unicast,
        };
    }
}
