namespace Monitor.Bench;

/// <summary>How a child program ended.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Output">Its standard output.</param>
/// <param name="Error">Its standard error.</param>
/// <param name="Elapsed">Wall time, start to exit.</param>
/// <param name="PeakRssKb">Its maximum resident set (ru_maxrss, kB), or -1 when unknown.</param>
/// <param name="Cpu">Its user + system CPU time (zero when unknown).</param>
internal sealed record ChildResult(int ExitCode, string Output, string Error, TimeSpan Elapsed, long PeakRssKb, TimeSpan Cpu);
