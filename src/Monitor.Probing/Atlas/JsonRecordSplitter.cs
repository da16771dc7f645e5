using System.Buffers;

namespace Monitor.Probing.Atlas;

/// <summary>
/// Cuts a stream of JSON into its records without parsing them: the elements of a top-level array
/// (several arrays one after another too), the lines of JSON Lines, or the elements of the array under
/// a top-level object's <c>objects</c> key (the probe archive). It only tracks nesting, strings and
/// escapes byte by byte, so a record is handed out as soon as its closing brace is read and the buffer
/// (pooled) grows only to the longest record, never with the file. A record longer than the limit is
/// skipped and reported, and reading goes on after it.
/// </summary>
internal sealed class JsonRecordSplitter : IDisposable
{
    private const int ChunkSize = 64 * 1024;
    private const int MaxKeyLength = 32;
    private const int PrefixLength = 4096;

    private static readonly byte[] ObjectsKey = "objects"u8.ToArray();
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[]"u8);

    private readonly Stream _stream;
    private readonly int _maxRecordBytes;
    private byte[] _buffer;
    private int _end;
    private int _scan;
    private int _recordStart = -1;
    private bool _eof;
    private bool _endReported;
    private bool _started;
    private long _totalBytes;

    // Nesting state (array and objects layouts).
    private int _depth;
    private bool _inString;
    private bool _escape;
    private bool _collecting;
    private bool _inScalar;
    private bool _skippingOversized;
    private readonly byte[] _key = new byte[MaxKeyLength];
    private int _keyLength;
    private bool _capturingKey;
    private bool _lastKeyIsObjects;

    /// <summary>Creates a splitter over <paramref name="stream"/> (read, never disposed here).</summary>
    public JsonRecordSplitter(Stream stream, int maxRecordBytes)
    {
        _stream = stream;
        _maxRecordBytes = maxRecordBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(ChunkSize * 2);
    }

    /// <summary>The layout, once <see cref="StartAsync"/> has seen the first octet.</summary>
    public JsonLayout Layout { get; private set; }

    /// <summary>The first octets of the content (up to 4 KiB), to name what a refused file looks like.</summary>
    public byte[] Prefix { get; private set; } = [];

    /// <summary>Octets read from the stream so far.</summary>
    public long TotalBytes => _totalBytes;

    /// <summary>
    /// Reads up to the first octet that is not whitespace (a UTF-8 byte order mark is skipped) and
    /// returns it, or -1 for an empty stream. <paramref name="objectLayout"/> is the layout a leading
    /// <c>{</c> means; a leading <c>[</c> is always an array.
    /// </summary>
    public async ValueTask<int> StartAsync(JsonLayout objectLayout, CancellationToken cancellationToken)
    {
        _started = true;
        while (_end < 3 && await FillAsync(cancellationToken).ConfigureAwait(false))
        {
        }

        while (true)
        {
            while (_scan < _end)
            {
                var b = _buffer[_scan];
                if (_scan == 0 && _end >= 3 && b == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
                {
                    _scan = 3;
                    continue;
                }

                if (IsWhitespace(b))
                {
                    _scan++;
                    continue;
                }

                Layout = b == (byte)'[' ? JsonLayout.Array : objectLayout;
                Prefix = _buffer.AsSpan(_scan, Math.Min(PrefixLength, _end - _scan)).ToArray();
                return b;
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return -1;
            }
        }
    }

    /// <summary>
    /// Reads more of the stream into the buffer, keeping the record being read. False at the end of
    /// the stream. Records handed out before are invalid afterwards.
    /// </summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_eof)
        {
            return false;
        }

        var keepFrom = _recordStart >= 0 ? _recordStart : _scan;
        if (keepFrom > 0)
        {
            Buffer.BlockCopy(_buffer, keepFrom, _buffer, 0, _end - keepFrom);
            _end -= keepFrom;
            _scan -= keepFrom;
            if (_recordStart >= 0)
            {
                _recordStart = 0;
            }
        }

        if (_buffer.Length - _end < ChunkSize)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _end + ChunkSize));
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end, _buffer.Length - _end), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _eof = true;
            return false;
        }

        _end += read;
        _totalBytes += read;
        return true;
    }

    /// <summary>
    /// The next record in the buffer, or <see cref="SplitStatus.NeedMore"/> when the buffer holds no
    /// complete one (call <see cref="FillAsync"/>; after the end of the stream the last calls report
    /// <see cref="SplitStatus.Truncated"/> once and then <see cref="SplitStatus.End"/>).
    /// </summary>
    public SplitStatus Next(out ReadOnlyMemory<byte> record)
    {
        if (!_started)
        {
            throw new InvalidOperationException("StartAsync first.");
        }

        record = default;
        var status = Layout == JsonLayout.Lines ? NextLine(out record) : NextNested(out record);
        if (status != SplitStatus.NeedMore || !_eof)
        {
            return status;
        }

        if (_endReported)
        {
            return SplitStatus.End;
        }

        _endReported = true;
        if (Layout == JsonLayout.Lines)
        {
            // A last line without its newline is a record too.
            if (_recordStart >= 0 && !_skippingOversized)
            {
                record = _buffer.AsMemory(_recordStart, _end - _recordStart);
                _recordStart = -1;
                _scan = _end;
                return SplitStatus.Record;
            }

            return SplitStatus.End;
        }

        var truncated = _recordStart >= 0 || _depth > 0 || _inString;
        _recordStart = -1;
        return truncated ? SplitStatus.Truncated : SplitStatus.End;
    }

    /// <summary>Treats the stream as ended (after a read that failed on corrupt data).</summary>
    public void MarkEnd() => _eof = true;

    /// <inheritdoc />
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private SplitStatus NextLine(out ReadOnlyMemory<byte> record)
    {
        record = default;
        while (_scan < _end)
        {
            if (_recordStart >= 0 || _skippingOversized)
            {
                // Inside a line: straight to its end (vectorised), then the size check.
                var newline = _buffer.AsSpan(_scan, _end - _scan).IndexOf((byte)'\n');
                _scan = newline < 0 ? _end : _scan + newline;
                if (_recordStart >= 0 && _scan - _recordStart > _maxRecordBytes)
                {
                    _recordStart = -1;
                    _skippingOversized = true;
                }

                if (newline < 0)
                {
                    break;
                }
            }

            var b = _buffer[_scan];
            if (b == (byte)'\n')
            {
                var start = _recordStart;
                var skipped = _skippingOversized;
                _recordStart = -1;
                _skippingOversized = false;
                _scan++;
                if (skipped)
                {
                    return SplitStatus.Oversized;
                }

                if (start >= 0)
                {
                    record = _buffer.AsMemory(start, _scan - 1 - start);
                    return SplitStatus.Record;
                }

                continue;
            }

            if (_recordStart < 0 && !_skippingOversized && !IsWhitespace(b))
            {
                _recordStart = _scan;
            }

            _scan++;
            if (_recordStart >= 0 && _scan - _recordStart > _maxRecordBytes)
            {
                _recordStart = -1;
                _skippingOversized = true;
            }
        }

        return SplitStatus.NeedMore;
    }

    private SplitStatus NextNested(out ReadOnlyMemory<byte> record)
    {
        record = default;
        var elementDepth = Layout == JsonLayout.Objects ? 2 : 1;
        while (_scan < _end)
        {
            // Skip (vectorised) what cannot change the state: the inside of a string up to its quote or
            // escape, and inside a record everything up to the next quote or bracket.
            var skip = _inString
                ? (_escape || _capturingKey ? 0 : _buffer.AsSpan(_scan, _end - _scan).IndexOfAny((byte)'"', (byte)'\\'))
                : (_recordStart >= 0 ? _buffer.AsSpan(_scan, _end - _scan).IndexOfAny(Structural) : 0);
            if (skip != 0)
            {
                _scan = skip < 0 ? _end : _scan + skip;
                if (_recordStart >= 0 && !_skippingOversized && _scan - _recordStart > _maxRecordBytes)
                {
                    _skippingOversized = true;
                }

                if (_skippingOversized && _recordStart >= 0 && _scan - _recordStart > ChunkSize)
                {
                    _recordStart = _scan;
                }

                if (skip < 0)
                {
                    break;
                }
            }

            var b = _buffer[_scan++];
            if (_inString)
            {
                if (_escape)
                {
                    _escape = false;
                }
                else if (b == (byte)'\\')
                {
                    _escape = true;
                }
                else if (b == (byte)'"')
                {
                    _inString = false;
                    if (_capturingKey)
                    {
                        _capturingKey = false;
                        _lastKeyIsObjects = _keyLength <= MaxKeyLength && _key.AsSpan(0, _keyLength).SequenceEqual(ObjectsKey);
                    }
                }
                else if (_capturingKey)
                {
                    if (_keyLength < MaxKeyLength)
                    {
                        _key[_keyLength] = b;
                    }

                    _keyLength++;
                }
            }
            else
            {
                switch (b)
                {
                    case (byte)'"':
                        _inString = true;
                        if (_collecting && _depth == elementDepth && _recordStart < 0)
                        {
                            // A string where a record should be: not an object.
                            _inScalar = true;
                        }

                        if (Layout == JsonLayout.Objects && _depth == 1)
                        {
                            _capturingKey = true;
                            _keyLength = 0;
                        }

                        break;
                    case (byte)'{' or (byte)'[':
                        if (_collecting && _depth == elementDepth && _recordStart < 0)
                        {
                            if (b == (byte)'{')
                            {
                                _recordStart = _scan - 1;
                            }
                            else
                            {
                                _inScalar = true;
                            }
                        }

                        if (b == (byte)'[' && !_collecting && ((Layout == JsonLayout.Array && _depth == 0) || (Layout == JsonLayout.Objects && _depth == 1 && _lastKeyIsObjects)))
                        {
                            _collecting = true;
                        }

                        _depth++;
                        break;
                    case (byte)'}' or (byte)']':
                        _depth = Math.Max(0, _depth - 1);
                        if (_collecting && _depth == elementDepth - 1)
                        {
                            _collecting = false;
                            if (_inScalar)
                            {
                                _inScalar = false;
                                return SplitStatus.NotAnObject;
                            }
                        }
                        else if (_collecting && _depth == elementDepth && _recordStart >= 0)
                        {
                            var start = _recordStart;
                            _recordStart = -1;
                            if (_skippingOversized)
                            {
                                _skippingOversized = false;
                                return SplitStatus.Oversized;
                            }

                            record = _buffer.AsMemory(start, _scan - start);
                            return SplitStatus.Record;
                        }

                        break;
                    case (byte)',':
                        if (_collecting && _depth == elementDepth && _inScalar)
                        {
                            _inScalar = false;
                            return SplitStatus.NotAnObject;
                        }

                        break;
                    default:
                        if (_collecting && _depth == elementDepth && _recordStart < 0 && !IsWhitespace(b))
                        {
                            _inScalar = true;
                        }

                        break;
                }
            }

            if (_recordStart >= 0 && !_skippingOversized && _scan - _recordStart > _maxRecordBytes)
            {
                // Keep tracking nesting to find the record's end, but stop keeping its octets.
                _skippingOversized = true;
            }

            if (_skippingOversized && _recordStart >= 0 && _scan - _recordStart > ChunkSize)
            {
                _recordStart = _scan;
            }
        }

        return SplitStatus.NeedMore;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
