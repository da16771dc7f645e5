using System.Globalization;
using System.Text;

namespace Monitor.Bench;

/// <summary>The rows a bench run measured, written as one markdown file with the machine's facts.</summary>
internal sealed class ResultTable(string? label)
{
    private readonly List<ResultRow> _rows = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<ResultRow> Rows => _rows;

    public void Add(string section, string measure, string value, string target = "", string verdict = "", string load = "")
    {
        var row = new ResultRow(label is null ? section : $"{section} ({label})", measure, value, target, verdict, load.Length > 0 ? load : Machine.LoadAverage());
        _rows.Add(row);
        Console.WriteLine($"[{row.Section}] {row.Measure}: {row.Value} {row.Target} {row.Verdict} (load {row.Load})");
    }

    public void Note(string text)
    {
        _notes.Add(text);
        Console.WriteLine("note: " + text);
    }

    private void AppendTable(StringBuilder text)
    {
        text.AppendLine("| Section | Measure | Value | Target | Verdict | Load |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in _rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Section} | {r.Measure} | {r.Value} | {r.Target} | {r.Verdict} | {r.Load} |");
        }

        if (_notes.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Notes:");
            text.AppendLine();
            foreach (var n in _notes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {n}");
            }
        }
    }

    public static string Format(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Verdict(bool met) => met ? "met" : "MISSED";

    /// <summary>Adds this run's rows and notes to an earlier results file, as a section of their own.</summary>
    public void Append(string path, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Results: {label ?? "second pass"} ({elapsed.TotalSeconds:0} s)");
        text.AppendLine();
        AppendTable(text);
        File.AppendAllText(path, text.ToString());
    }

    public void Write(string path, string command, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Monitor benchmarks, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine("## Machine");
        text.AppendLine();
        foreach (var fact in Machine.Facts())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {fact}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"- bench run took {elapsed.TotalSeconds:0} s");
        text.AppendLine();
        text.AppendLine("Rerun:");
        text.AppendLine();
        text.AppendLine("```sh");
        text.AppendLine(command);
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine("## Results");
        text.AppendLine();
        text.AppendLine("Load is the 1/5/15-minute load average when the row was measured (the machine is shared: high load means noisy numbers).");
        text.AppendLine();
        AppendTable(text);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, text.ToString());
    }
}
