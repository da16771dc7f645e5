using Monitor.Core.Domain;

namespace Monitor.Storage;

/// <summary>What the measurements refer to (vantage points and targets) and how much is stored.</summary>
public interface IStoreCatalog
{
    /// <summary>
    /// Creates or updates a vantage point and marks it seen at <paramref name="seen"/>. A location
    /// field that is null keeps the stored value: an update never erases a known place.
    /// </summary>
    Task UpsertVantagePointAsync(VantagePoint vantagePoint, DateTimeOffset seen, CancellationToken cancellationToken);

    /// <summary>Creates or updates target definitions.</summary>
    Task UpsertTargetsAsync(IReadOnlyCollection<Target> targets, DateTimeOffset updated, CancellationToken cancellationToken);

    /// <summary>The vantage points known, with their locations.</summary>
    Task<IReadOnlyList<VantagePoint>> ReadVantagePointsAsync(CancellationToken cancellationToken);

    /// <summary>Target id to provider, for the targets known.</summary>
    Task<IReadOnlyDictionary<string, string>> ReadProvidersAsync(CancellationToken cancellationToken);

    /// <summary>Every target defined, active in a schedule or not, with how it is queried; ordered by id.</summary>
    Task<IReadOnlyList<Target>> ReadTargetsAsync(CancellationToken cancellationToken);

    /// <summary>Counts per vantage point and target, and the time span.</summary>
    Task<StoreStats> GetStatsAsync(CancellationToken cancellationToken);
}
