using System.Globalization;

using Monitor.Fuzz;

// monitor-fuzz [--corpus DIR] [--cases N] [--seed N] [--crashes DIR] [--write-seeds DIR]
// Mutation fuzzing of everything that reads reply octets (see ResponseTarget). Exit 0: no crash;
// 1: crashes (inputs saved); 2: bad arguments; 3: a hang (input saved).
var corpusDirectory = "tests/fuzz/corpus";
var cases = 1_000_000L;
var seed = 1;
string? crashes = "fuzz-crashes";
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    try
    {
        switch (args[i])
        {
            case "--corpus":
                corpusDirectory = Value();
                break;
            case "--cases":
                cases = long.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                break;
            case "--seed":
                seed = int.Parse(Value(), NumberStyles.None, CultureInfo.InvariantCulture);
                break;
            case "--crashes":
                crashes = Value();
                break;
            case "--write-seeds":
                var directory = Value();
                Directory.CreateDirectory(directory);
                foreach (var (name, message) in SeedCorpus.Build())
                {
                    File.WriteAllBytes(Path.Combine(directory, $"seed-{name}.bin"), message);
                }

                Console.WriteLine($"fuzz: wrote {SeedCorpus.Build().Count} seeds to {directory}");
                return 0;
            default:
                throw new ArgumentException($"unknown argument '{args[i]}'");
        }
    }
    catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
    {
        Console.Error.WriteLine($"monitor-fuzz: {ex.Message}");
        return 2;
    }
}

if (!Directory.Exists(corpusDirectory))
{
    Console.Error.WriteLine($"monitor-fuzz: {corpusDirectory}: no such directory");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
var summary = FuzzRun.Run(ResponseTarget.Run, FuzzRun.LoadCorpus(corpusDirectory), cases, seed, crashes, TimeSpan.FromSeconds(10), stop.Token);
Console.WriteLine(summary);
return summary.Crashes == 0 ? 0 : 1;
