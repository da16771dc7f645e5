namespace Monitor.Probing.Atlas;

/// <summary>
/// The records of one Atlas input, as both readers take them: opens it (gzip from the content),
/// finds its layout, hands out whole records, and counts in <see cref="AtlasFileStats"/> what is lost
/// on the way — elements that are not objects, oversized records, a cut file, a cut or corrupt gzip
/// stream (counted once, as its one cause). Reading records themselves is the caller's.
/// </summary>
internal sealed class AtlasRecordStream : IDisposable
{
    private readonly AtlasInput _input;
    private readonly JsonRecordSplitter _splitter;
    private readonly AtlasFileStats _stats;
    private bool _gzipCounted;

    private AtlasRecordStream(AtlasInput input, JsonRecordSplitter splitter, AtlasFileStats stats)
    {
        _input = input;
        _splitter = splitter;
        _stats = stats;
    }

    /// <summary>The layout found.</summary>
    public JsonLayout Layout => _splitter.Layout;

    /// <summary>The content's first octets, to name what a refused input looks like.</summary>
    public byte[] Prefix => _splitter.Prefix;

    /// <summary>Records lost before any was read (not objects, oversized), for deciding that an input is not Atlas data.</summary>
    public int Lost { get; private set; }

    /// <summary>Opens <paramref name="stream"/>; a leading <c>{</c> means <paramref name="objectLayout"/>.</summary>
    /// <exception cref="AtlasFormatException">The input is empty, not JSON, or its gzip is corrupt from the start.</exception>
    public static async Task<AtlasRecordStream> OpenAsync(Stream stream, JsonLayout objectLayout, int maxRecordBytes, AtlasFileStats stats, string expected, CancellationToken cancellationToken)
    {
        var input = await AtlasInput.OpenAsync(stream, cancellationToken).ConfigureAwait(false);
        var splitter = new JsonRecordSplitter(input.Content, maxRecordBytes);
        var records = new AtlasRecordStream(input, splitter, stats);
        stats.Compressed = input.Compressed;
        try
        {
            int first;
            try
            {
                first = await splitter.StartAsync(objectLayout, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex) when (input.Compressed)
            {
                throw new AtlasFormatException("the gzip data is corrupt: " + ex.Message, ex);
            }

            if (first < 0)
            {
                throw new AtlasFormatException(input.Compressed ? "its gzip content is empty" : "it is empty");
            }

            if (first is not '[' and not '{')
            {
                var what = first is >= 0x21 and <= 0x7e ? $"'{(char)first}'" : $"the octet 0x{first:X2}";
                throw new AtlasFormatException($"it is not JSON: it starts with {what}, where {expected} (a CSV or text file?)");
            }

            stats.JsonLines = splitter.Layout == JsonLayout.Lines;
            return records;
        }
        catch
        {
            records.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The next whole record (true), or false when the buffer is spent: then <see cref="FillAsync"/>,
    /// which is false at the end. Losses on the way are counted.
    /// </summary>
    public bool Next(out ReadOnlyMemory<byte> record)
    {
        while (true)
        {
            switch (_splitter.Next(out record))
            {
                case SplitStatus.Record:
                    return true;
                case SplitStatus.NotAnObject:
                    Lose(AtlasDamage.BrokenRecord);
                    break;
                case SplitStatus.Oversized:
                    Lose(AtlasDamage.Oversized);
                    break;
                case SplitStatus.Truncated:
                    if (_input.Compressed && (_gzipCounted || !_input.LengthMatches(_splitter.TotalBytes)))
                    {
                        CountGzip();
                    }
                    else
                    {
                        _stats.Count(AtlasDamage.Truncated);
                    }

                    break;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// Reads more; false at the end of the input (a corrupt gzip block ends it, counted). After the
    /// end, <see cref="Next"/> still hands out what the buffer holds (a last line without newline).
    /// </summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _splitter.FillAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            _splitter.MarkEnd();
            CountGzip();
            return false;
        }
    }

    /// <summary>After the last record: a gzip stream whose trailer does not match was cut at a record boundary.</summary>
    public void Finish()
    {
        if (_input.Compressed && !_input.LengthMatches(_splitter.TotalBytes))
        {
            CountGzip();
        }
    }

    /// <summary>Counts a record lost before it could be read.</summary>
    public void Lose(AtlasDamage damage)
    {
        _stats.CountResult();
        _stats.Count(damage);
        Lost++;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _splitter.Dispose();
        _input.Dispose();
    }

    private void CountGzip()
    {
        if (!_gzipCounted)
        {
            _gzipCounted = true;
            _stats.Count(AtlasDamage.TruncatedGzip);
        }
    }
}
