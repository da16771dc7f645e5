using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Monitor.Cli.Commands;

/// <summary>
/// Words on a command line that look like options but are none of the command's: reported as
/// <c>unknown option '-x'</c>, with the closest known option when one is close, instead of whatever
/// the parser made of the word (a bad address when it took <c>-x</c> for a target).
/// </summary>
internal static class UnknownOptions
{
    /// <summary>The first word that looks like an option and is not one, or null.</summary>
    public static string? Find(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var known = Names(parsed.CommandResult).ToHashSet(StringComparer.Ordinal);

        // Unmatched words, and words the command's own arguments took (TARGET... takes '-x' too).
        var words = parsed.UnmatchedTokens.Concat(
            parsed.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value));
        return words.FirstOrDefault(w => LooksLikeOption(w) && !known.Contains(w));
    }

    /// <summary>"unknown option '-x'", and "; did you mean '--y'?" when a known option is close.</summary>
    public static string Describe(string word, Command command)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(command);
        return Closest(word, command.Options.SelectMany(o => o.Aliases.Prepend(o.Name))) is { } suggestion
            ? $"unknown option '{word}'; did you mean '{suggestion}'?"
            : $"unknown option '{word}'";
    }

    /// <summary>The known name nearest <paramref name="word"/> (edit distance, case ignored), if near enough to be a typo.</summary>
    public static string? Closest(string word, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var bare = word.TrimStart('-').ToLowerInvariant();
        if (bare.Length == 0)
        {
            return null;
        }

        var best = names
            .Select(n => (Name: n, Distance: Distance(bare, n.TrimStart('-').ToLowerInvariant())))
            .OrderBy(c => c.Distance)
            .ThenByDescending(c => c.Name.Length)
            .FirstOrDefault();

        // Close: fewer edits than letters typed (so '-x' suggests no one-letter flag), and at most a third of them.
        return best.Name is not null && best.Distance < bare.Length && best.Distance <= Math.Max(1, bare.Length / 3) ? best.Name : null;
    }

    private static bool LooksLikeOption(string word) =>
        word.Length > 1 && word[0] == '-' && word != "--" &&
        !double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _); // -5, -122.42: values

    /// <summary>The options a command accepts: its own and the recursive ones of its parents (help).</summary>
    private static IEnumerable<string> Names(CommandResult result)
    {
        for (SymbolResult? r = result; r is CommandResult c; r = r.Parent)
        {
            foreach (var option in c.Command.Options.Where(o => ReferenceEquals(c, result) || o.Recursive))
            {
                yield return option.Name;
                foreach (var alias in option.Aliases)
                {
                    yield return alias;
                }
            }
        }
    }

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
