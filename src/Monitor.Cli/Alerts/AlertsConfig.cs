namespace Monitor.Cli.Alerts;

/// <summary>
/// The <c>alerts:</c> block of a configuration: where alert documents go and what raises them. See
/// the README's "Metrics and alerts" for the keys and the document sent.
/// </summary>
/// <param name="Receivers">The webhooks; every alert goes to each.</param>
/// <param name="Thresholds">Loss and median-RTT thresholds over a window, per target or for all.</param>
public sealed record AlertsConfig(IReadOnlyList<AlertReceiver> Receivers, IReadOnlyList<AlertThreshold> Thresholds)
{
    /// <summary>Alert on route shifts (<c>route_shifts</c>, default true).</summary>
    public bool RouteShifts { get; init; } = true;

    /// <summary>Alert when an outage starts and when it ends (<c>outages</c>, default true).</summary>
    public bool Outages { get; init; } = true;

    /// <summary>Alerts waiting per receiver before the oldest is dropped (<c>queue</c>, default 256).</summary>
    public int QueueSize { get; init; } = 256;

    /// <summary>Tries per alert and receiver, the first included (<c>attempts</c>, default 5).</summary>
    public int Attempts { get; init; } = 5;

    /// <summary>The wait before the second try; it doubles for each later one (<c>backoff</c>, default 1s).</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between tries (<c>max_backoff</c>, default 30s).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait between two tries of an alert: <see cref="Backoff"/> doubled per earlier retry, at most <see cref="MaxBackoff"/>.</summary>
    /// <param name="retry">1 before the second try, 2 before the third, …</param>
    public TimeSpan BackoffBefore(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var ticks = Backoff.Ticks * Math.Pow(2, Math.Min(retry - 1, 30));
        return ticks >= MaxBackoff.Ticks ? MaxBackoff : TimeSpan.FromTicks((long)ticks);
    }
}
