using System.Globalization;

namespace Monitor.Core.Tests.Analysis.Sites;

/// <summary>
/// The real identity strings of <c>identity-corpus.tsv</c> (beside this file; README.md there says where
/// each family was seen), read from the source tree.
/// </summary>
internal static class IdentityCorpus
{
    public const string FileName = "identity-corpus.tsv";

    private static readonly Lazy<IReadOnlyList<Entry>> All = new(Load);

    public static IReadOnlyList<Entry> Entries => All.Value;

    /// <summary>The corpus as theory rows: the line number names each case.</summary>
    public static TheoryData<int> Lines()
    {
        var data = new TheoryData<int>();
        foreach (var entry in Entries)
        {
            data.Add(entry.Line);
        }

        return data;
    }

    public static Entry At(int line) => Entries.Single(e => e.Line == line);

    private static IReadOnlyList<Entry> Load()
    {
        var path = RepositoryFiles.Path("tests", "Monitor.Core.Tests", "Analysis", "Sites", FileName);
        var entries = new List<Entry>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1 || line.Length == 0)
            {
                continue;
            }

            var f = line.Split('\t');
            if (f.Length != 8)
            {
                throw new FormatException($"{FileName}:{lineNumber}: expected 8 tab-separated fields, found {f.Length}");
            }

            entries.Add(new Entry(
                lineNumber,
                Unescape(f[0]),
                f[1],
                f[2].Length == 0 ? null : f[2],
                f[3],
                Number(f[4]),
                Number(f[5]),
                Number(f[6]),
                f[7]));
        }

        return entries;
    }

    private static string Unescape(string field) => field.Replace("\\\\", "\\", StringComparison.Ordinal);

    private static double? Number(string field) =>
        field.Length == 0 ? null : double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>One corpus line.</summary>
    public sealed record Entry(int Line, string Identity, string Source, string? Provider, string Expected, double? Latitude, double? Longitude, double? MinRttMs, string Seen)
    {
        public bool ExpectUnknown => Expected == "unknown";

        /// <summary>The operator family, for per-operator counts: the provider, else the source.</summary>
        public string Operator => Provider ?? Source;
    }
}
