using System.Diagnostics;

namespace Monitor.Fuzz;

/// <summary>
/// Runs a target over the corpus and then over mutated inputs. Any exception from the target is a
/// crash: its input is written to <c>crash-*.bin</c>. A case still running after the hang limit is a
/// hang: its input is written to <c>hang-*.bin</c> and the process stops at once (a hung case cannot be
/// interrupted), with exit code 3.
/// </summary>
public static class FuzzRun
{
    /// <summary>Runs <paramref name="cases"/> cases.</summary>
    /// <param name="target">True when the input was read whole, false when rejected as malformed; throws on a bug.</param>
    /// <param name="corpus">The seed inputs.</param>
    /// <param name="cases">How many inputs in all, the corpus included.</param>
    /// <param name="seed">The mutator's seed.</param>
    /// <param name="crashDirectory">Where to write failing inputs; null to keep none.</param>
    /// <param name="hangLimit">How long one case may take.</param>
    /// <param name="cancellationToken">Stops early; the summary counts what ran.</param>
    public static FuzzSummary Run(Func<byte[], bool> target, IReadOnlyList<byte[]> corpus, long cases, int seed, string? crashDirectory, TimeSpan hangLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(corpus);
        var mutator = new Mutator(corpus, seed);
        long parsed = 0, rejected = 0, crashes = 0, done = 0;
        var slowest = TimeSpan.Zero;
        var total = Stopwatch.StartNew();
        byte[] current = [];
        var caseStarted = Stopwatch.GetTimestamp();
        var running = 1;
        using var watchdog = new Timer(
            _ =>
            {
                if (Volatile.Read(ref running) == 1 && Stopwatch.GetElapsedTime(Volatile.Read(ref caseStarted)) > hangLimit)
                {
                    Save(crashDirectory, "hang", Volatile.Read(ref current));
                    Console.Error.WriteLine($"fuzz: a case ran over {hangLimit.TotalSeconds:0} s; input saved; stopping");
                    Environment.Exit(3);
                }
            },
            null,
            TimeSpan.FromSeconds(1),
            TimeSpan.FromSeconds(1));

        for (long i = 0; i < cases && !cancellationToken.IsCancellationRequested; i++)
        {
            var input = i < corpus.Count ? corpus[(int)i] : mutator.Next();
            Volatile.Write(ref current, input);
            var started = Stopwatch.GetTimestamp();
            Volatile.Write(ref caseStarted, started);
            try
            {
                if (target(input))
                {
                    parsed++;
                }
                else
                {
                    rejected++;
                }
            }
#pragma warning disable CA1031 // any exception at all is the finding
            catch (Exception ex)
#pragma warning restore CA1031
            {
                crashes++;
                var file = Save(crashDirectory, "crash", input);
                Console.Error.WriteLine($"fuzz: case {i}: {ex.GetType().Name}: {ex.Message}{(file is null ? string.Empty : $" (input in {file})")}");
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed > slowest)
            {
                slowest = elapsed;
            }

            done++;
        }

        Volatile.Write(ref running, 0);
        return new FuzzSummary(done, parsed, rejected, crashes, slowest, total.Elapsed);
    }

    /// <summary>Reads every file of a corpus directory, in name order.</summary>
    public static IReadOnlyList<byte[]> LoadCorpus(string directory) =>
        [.. Directory.GetFiles(directory).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];

    private static string? Save(string? directory, string kind, byte[] input)
    {
        if (directory is null)
        {
            return null;
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{kind}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(input))[..16]}.bin");
        File.WriteAllBytes(path, input);
        return path;
    }
}
