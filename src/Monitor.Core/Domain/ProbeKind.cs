namespace Monitor.Core.Domain;

/// <summary>
/// Why a probe was sent. Only <see cref="Regular"/> probes make the latency statistics; the others
/// serve one analysis each and are stored and marked as such.
/// </summary>
public enum ProbeKind
{
    /// <summary>A probe of the schedule: one per target per round.</summary>
    Regular = 0,

    /// <summary>A faster probe sent after a target stopped answering, to time its failover.</summary>
    Burst = 1,

    /// <summary>A probe of one site's own unicast address, to learn the nearest site.</summary>
    Site = 2,
}
