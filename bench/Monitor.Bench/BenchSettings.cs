namespace Monitor.Bench;

/// <summary>How much each section does: the full run, or a seconds-long smoke for CI.</summary>
internal sealed record BenchSettings
{
    public static BenchSettings Full { get; } = new();

    public static BenchSettings Smoke { get; } = new()
    {
        Name = "smoke",
        PeerSeconds = 1,
        Rates = [(10, 1), (1000, 1)],
        MaxRateSeconds = 1,
        KdigQueries = 5,
        IngestRows = 20_000,
        AnalysisRows = [2_000],
        AnalysisReport = false,
        WorkerTargets = 5,
        WorkerSeconds = 4,
        AtlasResults = 20_000,
        TransportProbes = 5,
        Sections = ["probe", "ingest-sqlite", "analysis"],
    };

    public string Name { get; init; } = "full";

    /// <summary>Seconds each peer (dnsperf, Monitor) runs flat out against NSD.</summary>
    public int PeerSeconds { get; init; } = 10;

    /// <summary>Probes in flight when Monitor runs flat out.</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>The responder's fixed delay: the truth the RTTs are compared with.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Paced rates (probes/s) and how many seconds each runs.</summary>
    public IReadOnlyList<(int Rate, int Seconds)> Rates { get; init; } = [(10, 20), (1000, 10)];

    /// <summary>Seconds of the flat-out timing phase.</summary>
    public int MaxRateSeconds { get; init; } = 5;

    /// <summary>kdig queries (one kdig process, sequential) during each timing phase.</summary>
    public int KdigQueries { get; init; } = 100;

    public int IngestRows { get; init; } = 1_000_000;

    /// <summary>Measurements per WriteRoundAsync call when ingesting.</summary>
    public int IngestBatch { get; init; } = 10_000;

    public IReadOnlyList<int> AnalysisRows { get; init; } = [1_000_000, 10_000_000];

    /// <summary>Whether to run <c>monitor report</c> too (its charts and PDF take tens of seconds whatever the size).</summary>
    public bool AnalysisReport { get; init; } = true;

    /// <summary>
    /// A directory that keeps the seeded databases (<c>seeded-ROWS.db</c>) between runs: an existing
    /// one is reused instead of seeding again; null seeds into a temporary directory deleted afterwards.
    /// </summary>
    public string? AnalysisDbDirectory { get; init; }

    public int WorkerTargets { get; init; } = 50;

    public int WorkerSeconds { get; init; } = 40;

    /// <summary>Synthetic RIPE Atlas results read and imported by the <c>atlas</c> section.</summary>
    public long AtlasResults { get; init; } = 1_000_000;

    /// <summary>Probes per transport and connection mode in the transports section (issue 20).</summary>
    public int TransportProbes { get; init; } = 200;

    /// <summary>Pause between two probes of the transports section.</summary>
    public TimeSpan TransportPause { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest one transport/mode phase may run, whatever its count.</summary>
    public TimeSpan TransportPhaseLimit { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Sections { get; init; } = ["probe", "ingest-sqlite", "ingest-postgresql", "analysis", "worker", "atlas", "transports"];
}
