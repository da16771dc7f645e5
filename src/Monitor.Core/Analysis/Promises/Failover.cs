namespace Monitor.Core.Analysis.Promises;

/// <summary>
/// A target stopped answering a vantage point well and later answered again: from which site to which,
/// and how long nothing good came back. Burst probes (sent faster once answers stop) time the gap
/// closer than the probe interval; <see cref="LastOk"/> and <see cref="FirstOk"/> are send times.
/// </summary>
/// <param name="TargetId">The target.</param>
/// <param name="VantageId">The vantage point.</param>
/// <param name="From">The site of the last good answer before.</param>
/// <param name="To">The site of the first good answer after; may equal <paramref name="From"/>.</param>
/// <param name="LastOk">When the last good probe before the gap was sent.</param>
/// <param name="FirstOk">When the first good probe after it was sent.</param>
/// <param name="Lost">Probes in between without a good answer (timeouts, errors, refusals).</param>
public sealed record Failover(string TargetId, string VantageId, string From, string To, DateTimeOffset LastOk, DateTimeOffset FirstOk, int Lost)
{
    /// <summary>The gap in milliseconds: first good minus last good.</summary>
    public double GapMs => (FirstOk - LastOk).TotalMilliseconds;

    /// <summary>True when the answers came back from another site.</summary>
    public bool Moved => !string.Equals(From, To, StringComparison.Ordinal);
}
