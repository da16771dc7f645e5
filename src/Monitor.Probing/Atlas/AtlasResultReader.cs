using System.Runtime.CompilerServices;

namespace Monitor.Probing.Atlas;

/// <summary>
/// Reads RIPE Atlas DNS result files as the API gives them — a JSON array, or JSON Lines
/// (<c>format=txt</c>), plain or gzip-compressed (decided from the content) — and hands out one
/// <see cref="AtlasMeasurement"/> per result (per element of a <c>resultset</c>), as it goes: memory
/// holds one record and one buffer of results, never the file.
/// <para>
/// Error contract: a file that is not Atlas DNS data at all (empty, not JSON, another JSON, ping
/// results, the probe archive) throws <see cref="AtlasFormatException"/> before anything from it is
/// handed out. Damaged parts of a good file are counted in <see cref="AtlasFileStats"/> by
/// <see cref="AtlasDamage"/> and never thrown. I/O errors of the stream propagate; cancellation
/// always does.
/// </para>
/// One reader serves one import (its target and vantage ids are shared by all its files); it is not
/// thread-safe.
/// </summary>
public sealed class AtlasResultReader
{
    /// <summary>Records before the first readable result after which a file counts as not Atlas data.</summary>
    private const int MaxBrokenBeforeFirst = 1000;

    private readonly AtlasReadOptions _options;
    private readonly AtlasResultMapper _mapper;
    private readonly AtlasRawResult _raw = new();

    /// <summary>Creates a reader.</summary>
    public AtlasResultReader(AtlasReadOptions? options = null)
    {
        _options = options ?? new AtlasReadOptions();
        _mapper = new AtlasResultMapper(_options.TargetId);
    }

    /// <summary>Reads one file.</summary>
    /// <param name="stream">The file as stored (gzip or not); read to its end, not disposed.</param>
    /// <param name="stats">Counters for this file, filled in as it is read.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <exception cref="AtlasFormatException">The input is not Atlas DNS result data.</exception>
    public async IAsyncEnumerable<AtlasMeasurement> ReadAsync(Stream stream, AtlasFileStats stats, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(stats);
        using var input = await AtlasInput.OpenAsync(stream, cancellationToken).ConfigureAwait(false);
        stats.Compressed = input.Compressed;
        using var splitter = new JsonRecordSplitter(input.Content, _options.MaxRecordBytes);
        var (first, corrupt) = await StartAsync(splitter, input, cancellationToken).ConfigureAwait(false);
        if (first < 0)
        {
            throw new AtlasFormatException(corrupt is not null
                ? "the gzip data is corrupt: " + corrupt
                : input.Compressed ? "its gzip content is empty" : "it is empty");
        }

        if (first is not '[' and not '{')
        {
            throw new AtlasFormatException($"it is not JSON: it starts with {Describe(first)}, where an Atlas result file starts with '[' or '{{' (a CSV or text file?)");
        }

        stats.JsonLines = splitter.Layout == JsonLayout.Lines;
        var accepted = false;
        var before = 0;
        var gzipBroken = false;
        var batch = new List<AtlasMeasurement>(512);
        while (true)
        {
            var status = splitter.Next(out var record);
            if (status == SplitStatus.End)
            {
                break;
            }

            switch (status)
            {
                case SplitStatus.Record:
                    if (!_raw.TryRead(record.Span))
                    {
                        if (!accepted && before == 0 && stats.JsonLines && IsLoneBrace(record.Span))
                        {
                            throw new AtlasFormatException("it is one JSON object over several lines, not an array of Atlas results or JSON Lines");
                        }

                        stats.CountResult();
                        stats.Count(AtlasDamage.BrokenRecord);
                        before++;
                        break;
                    }

                    if (!accepted)
                    {
                        if (AtlasResultMapper.NotDnsReason(_raw) is { } reason)
                        {
                            throw new AtlasFormatException(reason);
                        }

                        accepted = true;
                    }

                    _mapper.Map(_raw, batch, stats);
                    break;
                case SplitStatus.NotAnObject:
                    stats.CountResult();
                    stats.Count(AtlasDamage.BrokenRecord);
                    before++;
                    break;
                case SplitStatus.Oversized:
                    stats.CountResult();
                    stats.Count(AtlasDamage.Oversized);
                    before++;
                    break;
                case SplitStatus.Truncated:
                    if (input.Compressed && (gzipBroken || !input.LengthMatches(splitter.TotalBytes)))
                    {
                        // The gzip stream was cut: that is the one cause, counted once.
                        if (!gzipBroken)
                        {
                            gzipBroken = true;
                            stats.Count(AtlasDamage.TruncatedGzip);
                        }
                    }
                    else
                    {
                        stats.Count(AtlasDamage.Truncated);
                    }

                    break;
                case SplitStatus.NeedMore:
                    foreach (var m in batch)
                    {
                        yield return m;
                    }

                    batch.Clear();
                    var (more, problem) = await FillAsync(splitter, cancellationToken).ConfigureAwait(false);
                    if (!more && problem is not null)
                    {
                        gzipBroken = true;
                        stats.Count(AtlasDamage.TruncatedGzip);
                    }

                    break;
            }

            if (!accepted && before >= MaxBrokenBeforeFirst)
            {
                throw new AtlasFormatException(LooksLikeProbeArchive(splitter.Prefix) ?? $"none of its first {MaxBrokenBeforeFirst} records is a readable Atlas result");
            }
        }

        if (!accepted)
        {
            throw new AtlasFormatException(LooksLikeProbeArchive(splitter.Prefix) ?? (before == 0 ? "it holds no results" : $"none of its {before} records is a readable Atlas result"));
        }

        if (input.Compressed && !gzipBroken && !input.LengthMatches(splitter.TotalBytes))
        {
            // Cut at a record boundary: the JSON looks whole, the gzip trailer is missing.
            stats.Count(AtlasDamage.TruncatedGzip);
        }

        foreach (var m in batch)
        {
            yield return m;
        }
    }

    private static async Task<(int First, string? Corrupt)> StartAsync(JsonRecordSplitter splitter, AtlasInput input, CancellationToken cancellationToken)
    {
        try
        {
            return (await splitter.StartAsync(JsonLayout.Lines, cancellationToken).ConfigureAwait(false), null);
        }
        catch (InvalidDataException ex) when (input.Compressed)
        {
            return (-1, ex.Message);
        }
    }

    private static async Task<(bool More, string? Problem)> FillAsync(JsonRecordSplitter splitter, CancellationToken cancellationToken)
    {
        try
        {
            return (await splitter.FillAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (InvalidDataException ex)
        {
            // A corrupt deflate block or CRC: keep what was read, stop here.
            splitter.MarkEnd();
            return (false, ex.Message);
        }
    }

    /// <summary>The probe archive is one object (often one line, megabytes long) with an <c>objects</c> array.</summary>
    private static string? LooksLikeProbeArchive(byte[] prefix) =>
        prefix.AsSpan().IndexOf("\"objects\""u8) >= 0 && prefix.AsSpan().IndexOf("\"latitude\""u8) >= 0
            ? "it is the RIPE Atlas probe archive ({\"objects\": [...]}), not results; give it with --probes"
            : null;

    private static bool IsLoneBrace(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).SequenceEqual("{"u8);

    private static string Describe(int first) =>
        first is >= 0x21 and <= 0x7e ? $"'{(char)first}'" : $"the octet 0x{first:X2}";
}
