namespace Monitor.Reporting.View;

/// <summary>One time bucket of a sparkline: the median and spread of its answered RTTs, its site, its losses.</summary>
/// <param name="MedianMs">Median RTT, or NaN when nothing answered.</param>
/// <param name="LowMs">10th percentile RTT, or NaN.</param>
/// <param name="HighMs">90th percentile RTT, or NaN.</param>
/// <param name="Site">The site seen most in the bucket, or null.</param>
/// <param name="Lost">Probes without an answer.</param>
/// <param name="Sent">Probes sent.</param>
internal readonly record struct SparkBucket(double MedianMs, double LowMs, double HighMs, string? Site, int Lost, int Sent);
