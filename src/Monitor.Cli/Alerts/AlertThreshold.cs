namespace Monitor.Cli.Alerts;

/// <summary>One entry of <c>alerts.thresholds</c>: loss and/or median RTT over a window.</summary>
/// <param name="Target">The target id it watches, or null for every target (<c>target: "*"</c> or no <c>target</c>).</param>
/// <param name="Window">How far back the window reaches (<c>window</c>, default 5m).</param>
/// <param name="Loss">The share of probes unanswered (0 to 1) above which it fires (<c>loss: 20%</c>), or null.</param>
/// <param name="LatencyP50">The median RTT above which it fires (<c>latency_p50</c>), or null.</param>
/// <param name="MinProbes">Probes the window needs before it is judged (<c>min_probes</c>, default 5).</param>
public sealed record AlertThreshold(string? Target, TimeSpan Window, double? Loss, TimeSpan? LatencyP50, int MinProbes);
