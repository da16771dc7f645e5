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
    private readonly AtlasParseLane[] _lanes;

    /// <summary>Creates a reader.</summary>
    public AtlasResultReader(AtlasReadOptions? options = null)
    {
        _options = options ?? new AtlasReadOptions();
        _mapper = new AtlasResultMapper(_options.TargetId);
        _lanes = [.. Enumerable.Range(0, Math.Clamp(Environment.ProcessorCount, 1, 4)).Select(_ => new AtlasParseLane(_options.TargetId))];
    }

    /// <summary>Reads one file.</summary>
    /// <param name="stream">The file as stored (gzip or not); read to its end, not disposed.</param>
    /// <param name="stats">Counters for this file, filled in as it is read.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <exception cref="AtlasFormatException">The input is not Atlas DNS result data.</exception>
    /// <remarks>
    /// Records are read one by one until the first readable one shows that the file is Atlas DNS data;
    /// from then on they are copied into batches that the cores read in parallel while the next batch
    /// is split out of the file, and handed out in file order.
    /// </remarks>
    public async IAsyncEnumerable<AtlasMeasurement> ReadAsync(Stream stream, AtlasFileStats stats, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(stats);
        using var records = await AtlasRecordStream.OpenAsync(stream, JsonLayout.Lines, _options.MaxRecordBytes, stats, "an Atlas result file starts with '[' or '{'", cancellationToken).ConfigureAwait(false);
        var first = new List<AtlasMeasurement>(8);
        var pipeline = new AtlasParsePipeline(_lanes, stats);
        var accepted = false;
        var more = true;
        while (true)
        {
            while (records.Next(out var record))
            {
                if (accepted)
                {
                    if (pipeline.Add(record.Span))
                    {
                        foreach (var m in await pipeline.StepAsync(cancellationToken).ConfigureAwait(false))
                        {
                            yield return m;
                        }
                    }

                    continue;
                }

                if (!_raw.TryRead(record.Span))
                {
                    if (records.Lost == 0 && records.Layout == JsonLayout.Lines && IsLoneBrace(record.Span))
                    {
                        throw new AtlasFormatException("it is one JSON object over several lines, not an array of Atlas results or JSON Lines");
                    }

                    records.Lose(AtlasDamage.BrokenRecord);
                    if (records.Lost >= MaxBrokenBeforeFirst)
                    {
                        throw new AtlasFormatException(LooksLikeProbeArchive(records.Prefix) ?? $"none of its first {MaxBrokenBeforeFirst} records is a readable Atlas result");
                    }

                    continue;
                }

                // The first readable record decides: nothing of a file of other data is handed out.
                if (AtlasResultMapper.NotDnsReason(_raw) is { } reason)
                {
                    throw new AtlasFormatException(reason);
                }

                accepted = true;
                _mapper.Map(_raw, first, stats);
                foreach (var m in first)
                {
                    yield return m;
                }
            }

            if (!more)
            {
                break;
            }

            more = await records.FillAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var m in await pipeline.StepAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return m;
        }

        foreach (var m in await pipeline.StepAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return m;
        }

        if (!accepted)
        {
            throw new AtlasFormatException(LooksLikeProbeArchive(records.Prefix) ?? (records.Lost == 0 ? "it holds no results" : $"none of its {records.Lost} records is a readable Atlas result"));
        }

        records.Finish();
    }

    /// <summary>The probe archive is one object (often one line, megabytes long) with an <c>objects</c> array.</summary>
    private static string? LooksLikeProbeArchive(byte[] prefix) =>
        prefix.AsSpan().IndexOf("\"objects\""u8) >= 0 && prefix.AsSpan().IndexOf("\"latitude\""u8) >= 0
            ? "it is the RIPE Atlas probe archive ({\"objects\": [...]}), not results; give it with --probes"
            : null;

    private static bool IsLoneBrace(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).SequenceEqual("{"u8);
}
