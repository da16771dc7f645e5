using Monitor.Fuzz;

namespace Monitor.Probing.Tests;

/// <summary>
/// The CI smoke of the fuzzer (<c>tests/Monitor.Fuzz</c>): 10,000 mutated replies from the committed
/// corpus (<c>tests/fuzz/corpus</c>) through everything that reads reply octets, with no crash. The
/// full run is <c>monitor-fuzz --cases 1000000</c>.
/// </summary>
public sealed class FuzzSmokeTests
{
    private const int SmokeCases = 10_000;

    [Fact]
    public void CommittedCorpus_HoldsTheSeedsAndEachIsAsExpected()
    {
        var corpus = Directory.GetFiles(CorpusDirectory());
        var seeds = SeedCorpus.Build();

        Assert.True(corpus.Length >= seeds.Count, $"the corpus has {corpus.Length} files");
        foreach (var (name, message) in seeds)
        {
            Assert.Equal(message, File.ReadAllBytes(Path.Combine(CorpusDirectory(), $"seed-{name}.bin")));
        }
    }

    [Fact]
    public void TenThousandMutatedReplies_NoCrash()
    {
        var summary = FuzzRun.Run(ResponseTarget.Run, FuzzRun.LoadCorpus(CorpusDirectory()), SmokeCases, seed: 20261128, crashDirectory: null, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        TestContext.Current.SendDiagnosticMessage(summary.ToString());
        Assert.Equal(SmokeCases, summary.Cases);
        Assert.Equal(0, summary.Crashes);

        // Both paths are exercised: mutations that still read as responses, and ones rejected as malformed.
        Assert.True(summary.Parsed > SmokeCases / 20, summary.ToString());
        Assert.True(summary.Rejected > SmokeCases / 2, summary.ToString());
    }

    [Fact]
    public void Harness_CountsAnExceptionFromTheTargetAsACrash()
    {
        var summary = FuzzRun.Run(input => input.Length % 2 == 0 ? throw new InvalidOperationException("boom") : true, [[1], [1, 2]], 2, seed: 1, crashDirectory: null, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(1, summary.Crashes);
        Assert.Equal(1, summary.Parsed);
    }

    [Fact]
    public void Mutator_IsDeterministicPerSeedAndMutates()
    {
        var corpus = FuzzRun.LoadCorpus(CorpusDirectory());
        var a = new Mutator(corpus, 7);
        var b = new Mutator(corpus, 7);

        var first = Enumerable.Range(0, 200).Select(_ => a.Next()).ToList();
        var second = Enumerable.Range(0, 200).Select(_ => b.Next()).ToList();

        Assert.Equal(first, second);
        Assert.Contains(first, m => !corpus.Any(c => c.AsSpan().SequenceEqual(m)));
    }

    private static string CorpusDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "fuzz", "corpus");
            }
        }

        throw new InvalidOperationException($"No Monitor.sln above {AppContext.BaseDirectory}.");
    }
}
