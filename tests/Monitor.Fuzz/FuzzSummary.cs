namespace Monitor.Fuzz;

/// <summary>What a fuzz run did.</summary>
/// <param name="Cases">Inputs run (mutated, plus the corpus itself once).</param>
/// <param name="Parsed">Inputs read as whole responses.</param>
/// <param name="Rejected">Inputs rejected as malformed (the expected failure).</param>
/// <param name="Crashes">Inputs that raised any other exception or broke an invariant; each saved.</param>
/// <param name="Slowest">The longest single case.</param>
/// <param name="Elapsed">The whole run.</param>
public sealed record FuzzSummary(long Cases, long Parsed, long Rejected, long Crashes, TimeSpan Slowest, TimeSpan Elapsed)
{
    /// <summary>One line for logs and CI output.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"fuzz: {Cases} cases, {Parsed} parsed, {Rejected} rejected as malformed, {Crashes} crashes, slowest case {Slowest.TotalMilliseconds:0.###} ms, {Elapsed.TotalSeconds:0.#} s");
}
