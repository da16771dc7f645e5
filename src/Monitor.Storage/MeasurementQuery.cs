namespace Monitor.Storage;

/// <summary>Which measurements to read: a half-open window [From, To) and optional filters.</summary>
public sealed record MeasurementQuery
{
    private readonly DateTimeOffset? _to;

    /// <summary>Everything.</summary>
    public static MeasurementQuery All { get; } = new();

    /// <summary>Inclusive start; null means from the first.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive end; null means to the last. Must be after <see cref="From"/>.</summary>
    public DateTimeOffset? To
    {
        get => _to;
        init => _to = value is null || From is null || value > From
            ? value
            : throw new ArgumentException($"The window's end {value:O} is not after its start {From:O}.", nameof(value));
    }

    /// <summary>Only this target.</summary>
    public string? TargetId { get; init; }

    /// <summary>Only this vantage point.</summary>
    public string? VantageId { get; init; }

    /// <summary>
    /// Also burst and site probes (<see cref="Monitor.Core.Domain.ProbeKind"/>); by default only regular
    /// probes are read, so that statistics never mix them in.
    /// </summary>
    public bool AllKinds { get; init; }

    /// <summary>The order rows come in; by time unless asked otherwise.</summary>
    public MeasurementOrder Order { get; init; } = MeasurementOrder.Time;
}
