namespace Monitor.Probing.Atlas;

/// <summary>
/// A read-only stream that hands out a few octets already read (to look at a file's first octets
/// without seeking, as standard input cannot) and then the rest of the inner stream. It also keeps the
/// last 8 octets read, which for gzip are the trailer's CRC-32 and ISIZE (RFC 1952 §2.3).
/// </summary>
internal sealed class PrefixedStream : Stream
{
    private readonly byte[] _prefix;
    private readonly Stream _inner;
    private readonly byte[] _tail = new byte[8];
    private int _prefixOffset;
    private long _tailFilled;

    public PrefixedStream(byte[] prefix, Stream inner)
    {
        _prefix = prefix;
        _inner = inner;
        Remember(prefix);
    }

    /// <summary>The last 4 octets read, little-endian (gzip's ISIZE: the uncompressed length mod 2³²), or null when fewer than 8 were read.</summary>
    public uint? LastUInt32 => _tailFilled < 8 ? null : BitConverter.ToUInt32(_tail, 4);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_prefixOffset < _prefix.Length)
        {
            var n = Math.Min(buffer.Length, _prefix.Length - _prefixOffset);
            _prefix.AsSpan(_prefixOffset, n).CopyTo(buffer);
            _prefixOffset += n;
            return n;
        }

        var read = _inner.Read(buffer);
        Remember(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_prefixOffset < _prefix.Length)
        {
            return Read(buffer.Span);
        }

        var read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Remember(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Remember(ReadOnlySpan<byte> read)
    {
        if (read.Length >= 8)
        {
            read[^8..].CopyTo(_tail);
        }
        else if (read.Length > 0)
        {
            Buffer.BlockCopy(_tail, read.Length, _tail, 0, 8 - read.Length);
            read.CopyTo(_tail.AsSpan(8 - read.Length));
        }

        _tailFilled += read.Length;
    }
}
