namespace Monitor.Core.Analysis.Promises;

/// <summary>How a target sends vantage points to different places, as observed.</summary>
public enum SteeringKind
{
    /// <summary>One site and one answer for everybody.</summary>
    Unicast,

    /// <summary>The same address reaches different sites: the network steers.</summary>
    Anycast,

    /// <summary>Different answers (addresses) by vantage point from the same site: the DNS steers.</summary>
    GeoDns,

    /// <summary>Different sites and different answers.</summary>
    Both,
}
