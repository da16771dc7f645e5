using System.IO.Compression;
using System.Text;

using Monitor.Probing.Atlas;

namespace Monitor.Probing.Tests.Atlas;

/// <summary>Reads inputs to the end with a fresh reader, and writes the variants the tests need.</summary>
internal static class AtlasTestInput
{
    public static async Task<(List<AtlasMeasurement> Measurements, AtlasFileStats Stats)> ReadAllAsync(byte[] input, AtlasReadOptions? options = null) =>
        await ReadAllAsync(new AtlasResultReader(options), input);

    public static async Task<(List<AtlasMeasurement> Measurements, AtlasFileStats Stats)> ReadAllAsync(AtlasResultReader reader, byte[] input)
    {
        var stats = new AtlasFileStats("test");
        var list = new List<AtlasMeasurement>();
        await foreach (var m in reader.ReadAsync(new MemoryStream(input), stats, TestContext.Current.CancellationToken))
        {
            list.Add(m);
        }

        return (list, stats);
    }

    public static byte[] Gzip(byte[] plain)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        return output.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The same results as JSON Lines, each object re-serialised on its own line.</summary>
    public static byte[] ToJsonLines(string name) =>
        Utf8(string.Concat(AtlasData.Results(name).Select(r => r.GetRawText().Replace("\n", " ", StringComparison.Ordinal) + "\n")));
}
