namespace Monitor.Core.Analysis.Watch;

/// <summary>What a <see cref="ThresholdWatch"/> judges.</summary>
public enum ThresholdKind
{
    /// <summary>The share of probes unanswered in the window.</summary>
    Loss,

    /// <summary>The median RTT of the answered probes in the window, in seconds.</summary>
    MedianRtt,
}
