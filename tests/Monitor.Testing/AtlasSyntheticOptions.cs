namespace Monitor.Testing;

/// <summary>What <see cref="AtlasSyntheticResults"/> writes.</summary>
public sealed record AtlasSyntheticOptions
{
    /// <summary>Results to write.</summary>
    public long Results { get; init; } = 1_000_000;

    /// <summary>Distinct probes (prb_id 1000 upwards); each probes once per 5-minute round.</summary>
    public int Probes { get; init; } = 10_000;

    /// <summary>JSON Lines (Atlas's <c>format=txt</c>) instead of one JSON array.</summary>
    public bool JsonLines { get; init; }

    /// <summary>Seed of the pseudo-random choices, so a file is the same every time.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The msm_id written.</summary>
    public long MeasurementId { get; init; } = 90_000_001;

    /// <summary>The first round's Unix time.</summary>
    public long Start { get; init; } = 1_767_225_600; // 2026-01-01T00:00:00Z
}
