using System.Diagnostics;

namespace Monitor.Bench;

/// <summary>Runs the chosen sections in order and writes the results file; a section that fails is noted and fails the run.</summary>
internal static class BenchRun
{
    public static async Task<int> RunAsync(BenchSettings settings, string output, string monitorDll, string command, string? label, bool append, CancellationToken cancellationToken)
    {
        var results = new ResultTable(label);
        var watch = Stopwatch.StartNew();
        var failed = 0;
        results.Note($"scale {settings.Name}; sections {string.Join(", ", settings.Sections)}");
        foreach (var section in settings.Sections)
        {
            try
            {
                Task work = section switch
                {
                    "probe" => new ProbeBench(settings, results).RunAsync(cancellationToken),
                    "ingest-sqlite" => new IngestBench(settings, results).SqliteAsync(cancellationToken),
                    "ingest-postgresql" => new IngestBench(settings, results).PostgresAsync(cancellationToken),
                    "analysis" => new AnalysisBench(settings, results, monitorDll).RunAsync(cancellationToken),
                    "worker" => new WorkerBench(settings, results, monitorDll).RunAsync(cancellationToken),
                    "atlas" => new AtlasBench(settings.AtlasResults, results, monitorDll).RunAsync(cancellationToken),
                    "transports" => new TransportBench(settings, results).RunAsync(cancellationToken),
                    _ => throw new ArgumentException($"unknown section '{section}'"),
                };
                await work.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed++;
                results.Note($"section {section} failed: {ex.GetType().Name}: {ex.Message}");
            }

            if (!append)
            {
                results.Write(output, command, watch.Elapsed); // so far: a run cut short still leaves its figures
            }
        }

        if (append && File.Exists(output))
        {
            results.Append(output, watch.Elapsed);
        }
        else
        {
            results.Write(output, command, watch.Elapsed);
        }

        Console.WriteLine($"wrote {output}");
        return failed == 0 ? 0 : 1;
    }
}
