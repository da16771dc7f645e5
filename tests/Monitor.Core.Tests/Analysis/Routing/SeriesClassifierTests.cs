using Monitor.Core.Analysis.Routing;

namespace Monitor.Core.Tests.Analysis.Routing;

/// <summary>
/// Series are written one character per probe, 10 s apart: a letter is the site that answered
/// (A answers in 10 ms, B in 20 ms, C in 30 ms, …), '.' a probe without an answer.
/// </summary>
public sealed class SeriesClassifierTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly RouteOptions Options = new();

    private static List<SeriesSample> Series(string text) =>
        [.. text.Select((c, i) => c == '.'
            ? new SeriesSample(T0.AddSeconds(10 * i), null, null)
            : new SeriesSample(T0.AddSeconds(10 * i), c.ToString(), 10.0 * (c - 'A' + 1)))];

    private static string Describe(SeriesClassification result) =>
        string.Join(' ', result.Changes.Select(c => $"{c.Kind.ToString().ToLowerInvariant()}:{c.From}>{c.To}@{(c.Kind == RouteChangeKind.Shift ? c.FirstNew!.Value : c.At).Subtract(T0).TotalSeconds / 10}"));

    [Theory]
    [InlineData("stable", "AAAAAAAAAA", "")]
    [InlineData("one shift", "AAAAABBBBB", "shift:A>B@5")]
    [InlineData("single odd sample", "AAAABAAAAA", "transient:A>B@4")]
    [InlineData("two odd samples", "AAAABBAAAA", "transient:A>B@4")]
    [InlineData("shift needs three", "AAAABBBAAA", "shift:A>B@4 shift:B>A@7")]
    [InlineData("two shifts back to back", "AAAABBBCCCC", "shift:A>B@4 shift:B>C@7")]
    [InlineData("short run then new site", "AAAABBCCCC", "transient:A>B@4 shift:A>C@6")]
    [InlineData("timeouts interleaved", "AA.A.BB.B..B", "shift:A>B@5")]
    [InlineData("outage then same site", "AAAA....AAAA", "outage:A>A@4")]
    [InlineData("outage then shift", "AAAA....BBBB", "outage:A>B@4 shift:A>B@8")]
    [InlineData("two losses are no outage", "AAAA..AAAA", "")]
    [InlineData("flapping", "ABABABABABABAB", "flapping:B>A@1")]
    [InlineData("stable, then flapping, then stable", "AAAAAABABABABABAAAAAA", "flapping:A>B@6")]
    [InlineData("nothing answers", "......", "outage:>@0")]
    public void Classify_SyntheticSeries_FindsChanges(string why, string series, string expected) =>
        Assert.True(
            expected == Describe(SeriesClassifier.Classify("t", "vp", Series(series), Options)),
            $"{why}: expected '{expected}', got '{Describe(SeriesClassifier.Classify("t", "vp", Series(series), Options))}'");

    [Theory]
    [InlineData("shift at the window's end", "AAAAAAABB", "ends with 2 answer(s) from B")]
    [InlineData("shift at the window's start", "BBAAAAAAA", "starts with 2 answer(s) from B")]
    public void Classify_ShortRunAtWindowEdge_IsWarningNotChange(string why, string series, string warning)
    {
        var result = SeriesClassifier.Classify("t", "vp", Series(series), Options);

        Assert.True(result.Changes.Count == 0, why);
        Assert.Contains(warning, Assert.Single(result.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_Shift_AtIsBetweenLastOldAndFirstNew_WithRttBeforeAndAfter()
    {
        var shift = Assert.Single(SeriesClassifier.Classify("t", "vp", Series("AAAA.BBBB"), Options).Changes);

        Assert.Equal(T0.AddSeconds(30), shift.LastOld);
        Assert.Equal(T0.AddSeconds(50), shift.FirstNew);
        Assert.Equal(T0.AddSeconds(40), shift.At);
        Assert.Equal(10.0, shift.RttBeforeMs);
        Assert.Equal(20.0, shift.RttAfterMs);
        Assert.Equal(4, shift.Samples);
    }

    [Fact]
    public void Classify_Outage_CountsLostProbesAndEnds()
    {
        var outage = Assert.Single(SeriesClassifier.Classify("t", "vp", Series("AA...AA"), Options).Changes);

        Assert.Equal(RouteChangeKind.Outage, outage.Kind);
        Assert.Equal(3, outage.Samples);
        Assert.Equal(T0.AddSeconds(20), outage.At);
        Assert.Equal(T0.AddSeconds(40), outage.End);
        Assert.Equal(T0.AddSeconds(50), outage.FirstNew);
    }

    [Fact]
    public void Classify_Persistence_IsConfigurable()
    {
        var strict = Options with { Persistence = 5 };

        Assert.Equal("transient:A>B@6", Describe(SeriesClassifier.Classify("t", "vp", Series("AAAAAABBBBAAAAAA"), strict)));
        Assert.Equal("shift:A>B@6", Describe(SeriesClassifier.Classify("t", "vp", Series("AAAAAABBBBBBBB"), strict)));
        Assert.Equal("shift:A>B@6", Describe(SeriesClassifier.Classify("t", "vp", Series("AAAAAABBBBAAAAAA"), Options)).Split(' ')[0]);
    }
}
