namespace Monitor.Bench;

/// <summary>What one load phase did: probes sent, answered, lost, how long it took and the RTTs (µs) of the answers.</summary>
internal sealed record LoadRun(int Sent, int Answered, int Lost, TimeSpan Elapsed, double[] RttsUs);
