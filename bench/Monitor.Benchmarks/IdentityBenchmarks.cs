using BenchmarkDotNet.Attributes;

using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;

namespace Monitor.Benchmarks;

/// <summary>Identity parsing: an observed identity to a site, through the built-in rules and the airport table.</summary>
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
}
