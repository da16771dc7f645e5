using System.IO.Compression;
using System.Text.Json;

namespace Monitor.Probing.Tests.Atlas;

/// <summary>The real Atlas files copied into <c>data/</c> (see its README) and independent ways of counting them.</summary>
internal static class AtlasData
{
    public const string Cloudflare = "msm1768147-cloudflare-idserver-2015-03-21.json";
    public const string Quad9A = "quad9-29083406.json";
    public const string Quad9B = "quad9-29096558.json";
    public const string Quad9Cname = "quad9-24980149.json";
    public const string Quad9NoAbuf = "quad9-24980204.json";
    public const string Google = "google-8.8.8.8-hostnamebind-2017.json.gz";
    public const string OpenDns = "opendns-idserver-2017.json.gz";
    public const string Probes = "probes-2018-12-11.json.gz";

    public static readonly string[] ResultFiles = [Cloudflare, Quad9A, Quad9B, Quad9Cname, Quad9NoAbuf, Google, OpenDns];

    public static string PathOf(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "Monitor.Probing.Tests", "Atlas", "data", name);
            }
        }

        throw new InvalidOperationException($"No Monitor.sln above {AppContext.BaseDirectory}.");
    }

    public static byte[] Raw(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>The file's JSON, decompressed with <see cref="GZipStream"/> when its name says .gz (the reader decides by content; this does not).</summary>
    public static byte[] Json(string name)
    {
        var raw = Raw(name);
        if (!name.EndsWith(".gz", StringComparison.Ordinal))
        {
            return raw;
        }

        using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        gzip.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The results as a DOM (System.Text.Json's own parser, not the reader's splitter).</summary>
    public static JsonElement[] Results(string name)
    {
        using var document = JsonDocument.Parse(Json(name));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>Results counted independently: top-level objects, each resultset element counting once.</summary>
    public static int CountResults(string name) =>
        Results(name).Sum(r => r.TryGetProperty("resultset", out var set) ? set.GetArrayLength() : 1);
}
