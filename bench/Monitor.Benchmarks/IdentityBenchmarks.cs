using BenchmarkDotNet.Attributes;

using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Benchmarks;

/// <summary>
/// Identity to site through <see cref="SiteEngine"/>, over the real strings of the identity corpus
/// (tests/Monitor.Core.Tests/Analysis/Sites/identity-corpus.tsv). <c>Cold</c>: a fresh engine (empty cache;
/// the reference tables are loaded once, before measuring), every string read for the first time.
/// <c>Warm</c>: the same strings again, answered from the cache — what analysis pays per row.
/// Throughput in strings/s is 1 / (the reported time per operation).
/// </summary>
[MemoryDiagnoser]
public class IdentityBenchmarks
{
    private readonly SiteResolver _resolver = SiteResolver.CreateDefault();
    private readonly ObservedIdentity[] _identities =
    [
        new(IdentityValue.FromAscii("AMS"), null, null),
        new(null, null, IdentityValue.FromAscii("gpdns-fra")),
        new(IdentityValue.FromAscii("k2.nl-ams.k.ripe.net"), null, null),
        new(IdentityValue.FromAscii("node-7.example"), null, null),
    ];

    private string[] _strings = [];
    private SiteEngine _cold = null!;
    private SiteEngine _warm = null!;

    /// <summary>Strings per invocation of <see cref="Cold"/> and <see cref="Warm"/>.</summary>
    public const int Strings = 600;

    [GlobalSetup]
    public void Setup()
    {
        _strings = [.. CorpusStrings().Take(Strings)];
        // Reading every string once loads every table and the city index before anything is measured.
        _warm = SiteEngine.CreateDefault();
        foreach (var s in _strings)
        {
            _warm.Identify(s);
        }
    }

    [IterationSetup(Target = nameof(Cold))]
    public void FreshEngine() => _cold = new SiteEngine(OperatorConventions.Rules, SiteReference.Default);

    [Benchmark(OperationsPerInvoke = Strings)]
    [InvocationCount(1)]
    public int Cold()
    {
        var n = 0;
        foreach (var s in _strings)
        {
            n += (int)_cold.Identify(s).Confidence;
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = Strings)]
    public int Warm()
    {
        var n = 0;
        foreach (var s in _strings)
        {
            n += (int)_warm.Identify(s).Confidence;
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = 4)]
    public int Resolve()
    {
        var n = 0;
        foreach (var identity in _identities)
        {
            n += _resolver.Resolve(identity).Code.Length;
        }

        return n;
    }

    private static IEnumerable<string> CorpusStrings()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "Monitor.Core.Tests", "Analysis", "Sites", "identity-corpus.tsv");
            if (File.Exists(path))
            {
                return File.ReadLines(path).Skip(1).Select(l => l.Split('\t')[0].Replace("\\\\", "\\", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
            }
        }

        throw new FileNotFoundException("identity-corpus.tsv not found above " + AppContext.BaseDirectory);
    }
}
