using BenchmarkDotNet.Attributes;

using Monitor.Probing.Atlas;
using Monitor.Testing;

namespace Monitor.Benchmarks;

/// <summary>
/// The Atlas result reader over 100,000 synthetic results held in memory (no disk in the figure),
/// uncompressed, as a JSON array and as JSON Lines: divide 100,000 by the mean for results/s. The
/// allocation column shows the cost per file, which is per result, not per file size held.
/// </summary>
[MemoryDiagnoser]
public class AtlasReaderBenchmarks
{
    private const int Results = 100_000;

    private byte[] _array = [];
    private byte[] _lines = [];

    [GlobalSetup]
    public void Setup()
    {
        _array = Write(jsonLines: false);
        _lines = Write(jsonLines: true);
    }

    [Benchmark]
    public Task<long> ReadArray100k() => ReadAsync(_array);

    [Benchmark]
    public Task<long> ReadJsonLines100k() => ReadAsync(_lines);

    private static byte[] Write(bool jsonLines)
    {
        using var file = new MemoryStream();
        AtlasSyntheticResults.Write(file, new AtlasSyntheticOptions { Results = Results, JsonLines = jsonLines });
        return file.ToArray();
    }

    private static async Task<long> ReadAsync(byte[] input)
    {
        var count = 0L;
        await foreach (var m in new AtlasResultReader().ReadAsync(new MemoryStream(input), new AtlasFileStats("bench")).ConfigureAwait(false))
        {
            count += m.Measurement.Rtt is null ? 0 : 1;
        }

        return count;
    }
}
