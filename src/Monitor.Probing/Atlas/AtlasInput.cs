using System.IO.Compression;

namespace Monitor.Probing.Atlas;

/// <summary>
/// Opens an input as the API gives it, plain or gzip-compressed, deciding from the first two octets
/// (gzip's magic 1F 8B, RFC 1952 §2.3.1), never from the file name.
/// </summary>
internal sealed class AtlasInput : IDisposable
{
    private readonly PrefixedStream _raw;

    private AtlasInput(PrefixedStream raw, Stream content, bool compressed)
    {
        _raw = raw;
        Content = content;
        Compressed = compressed;
    }

    /// <summary>The decompressed content.</summary>
    public Stream Content { get; }

    /// <summary>True when the input was gzip.</summary>
    public bool Compressed { get; }

    /// <summary>Opens <paramref name="stream"/> (left open when this is disposed).</summary>
    public static async Task<AtlasInput> OpenAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var head = new byte[2];
        var got = 0;
        while (got < head.Length)
        {
            var n = await stream.ReadAsync(head.AsMemory(got), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            got += n;
        }

        var raw = new PrefixedStream(head[..got], stream);
        var gzip = got == 2 && head[0] == 0x1F && head[1] == 0x8B;
        return gzip
            ? new AtlasInput(raw, new GZipStream(raw, CompressionMode.Decompress, leaveOpen: true), compressed: true)
            : new AtlasInput(raw, raw, compressed: false);
    }

    /// <summary>
    /// For gzip, true when the trailer's ISIZE equals the decompressed length (mod 2³²): a stream cut
    /// short ends without its trailer, which .NET's decompressor does not report. Always true for plain input.
    /// </summary>
    public bool LengthMatches(long decompressedLength) => !Compressed || _raw.LastUInt32 == unchecked((uint)decompressedLength);

    /// <inheritdoc />
    public void Dispose()
    {
        if (Compressed)
        {
            Content.Dispose();
        }
    }
}
