using System.Text.Json;

using Monitor.Core.Domain;

namespace Monitor.Storage.Spool;

/// <summary>
/// A bounded local spool of rounds not yet confirmed by the database: one JSON file per round,
/// written to a temporary name, flushed to disk and renamed, so a file is either whole or absent.
/// Rounds are spooled before the database write and removed after it commits, so a crash or a
/// database outage loses nothing; ids make the replay idempotent.
/// </summary>
public sealed class RoundSpool
{
    /// <summary>Default bound: 1 GiB, about a month of 30-second rounds of 100 targets.</summary>
    public const long DefaultMaxBytes = 1L << 30;

    private const string Extension = ".round.json";
    private const string TempExtension = ".round.tmp";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly long _maxBytes;

    /// <summary>A spool in <paramref name="directory"/> (created when missing).</summary>
    public RoundSpool(string directory, long maxBytes = DefaultMaxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1024);
        Directory = directory;
        _maxBytes = maxBytes;
        System.IO.Directory.CreateDirectory(directory);
        RecoverTemporaryFiles();
    }

    /// <summary>Where the files are.</summary>
    public string Directory { get; }

    /// <summary>The spool directory beside a database file: <c>x.db</c> → <c>x.db.spool</c>.</summary>
    public static string DirectoryFor(string databasePath) => databasePath + ".spool";

    /// <summary>Rounds waiting for the database, oldest first.</summary>
    public IReadOnlyList<string> Pending() =>
        [.. System.IO.Directory.EnumerateFiles(Directory, "*" + Extension).Order(StringComparer.Ordinal)];

    /// <summary>Octets held.</summary>
    public long Bytes => System.IO.Directory.EnumerateFiles(Directory, "*" + Extension).Sum(f => new FileInfo(f).Length);

    /// <summary>Keeps a round durably; returns its file.</summary>
    /// <exception cref="SpoolFullException">The bound would be passed.</exception>
    public async Task<string> AddAsync(Round round, IReadOnlyList<Measurement> measurements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var octets = JsonSerializer.SerializeToUtf8Bytes(SpoolDocument.From(round, measurements), Json);
        var held = Bytes;
        if (held + octets.Length > _maxBytes)
        {
            throw new SpoolFullException($"The spool {Directory} holds {held} octets; {octets.Length} more would pass its bound of {_maxBytes}.");
        }

        // Scheduled time first in the name, so files sort oldest first; the id keeps names unique.
        var name = $"{UnixTime.ToMicroseconds(round.Scheduled):D17}-{round.Id:N}";
        var temp = Path.Combine(Directory, name + TempExtension);
        var final = Path.Combine(Directory, name + Extension);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(octets, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, final, overwrite: true);
        }
        catch
        {
            // A disk that filled up mid-write: no half file, and its blocks back.
            File.Delete(temp);
            throw;
        }

        return final;
    }

    /// <summary>Reads a spooled round.</summary>
    /// <exception cref="InvalidDataException">The file is not a spooled round.</exception>
    public static async Task<(Round Round, IReadOnlyList<Measurement> Measurements)> ReadAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        SpoolDocument? document;
        try
        {
            document = await JsonSerializer.DeserializeAsync<SpoolDocument>(stream, Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file} is not a spooled round: {ex.Message}", ex);
        }

        if (document is not { Version: 1 })
        {
            throw new InvalidDataException($"{file} is not a version 1 spooled round.");
        }

        return (document.ToRound(), document.ToMeasurements());
    }

    /// <summary>Forgets a round the database has committed.</summary>
    public static void Remove(string file) => File.Delete(file);

    /// <summary>Sets aside a file that cannot be read, so it neither blocks the spool nor is lost.</summary>
    public static string Quarantine(string file)
    {
        var bad = file + ".bad";
        File.Move(file, bad, overwrite: true);
        return bad;
    }

    private void RecoverTemporaryFiles()
    {
        // A temporary file is what a crash left between write and rename: keep it if it is whole.
        foreach (var temp in System.IO.Directory.EnumerateFiles(Directory, "*" + TempExtension))
        {
            try
            {
                using var stream = File.OpenRead(temp);
                if (JsonSerializer.Deserialize<SpoolDocument>(stream, Json) is { Version: 1 })
                {
                    stream.Close();
                    File.Move(temp, temp[..^TempExtension.Length] + Extension, overwrite: true);
                    continue;
                }
            }
            catch (JsonException)
            {
            }

            File.Move(temp, temp + ".bad", overwrite: true);
        }
    }
}
