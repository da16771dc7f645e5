using System.Collections;
using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Monitor.Cli.Commands;

/// <summary>
/// What <c>--help</c> shows as an option's default: the text a user would type (<c>1s</c>, <c>CH</c>,
/// <c>TXT</c>, <c>nsid,id.server</c>), never the value's <c>ToString()</c> (<c>00:00:01</c>, <c>3</c>,
/// <c>16</c>, enum names), which the parser would refuse when typed back. System.CommandLine 2.0
/// keeps its help builder internal, so the help it writes is rewritten: in each option's row,
/// <c>[default: VALUE]</c> becomes <c>[default: TEXT]</c>.
/// </summary>
internal static class HelpDefaults
{
    private static readonly ConditionalWeakTable<Option, string> Texts = [];

    /// <summary>Shows <paramref name="text"/> as the default of <paramref name="option"/>; it must parse to the default value.</summary>
    public static TOption Show<TOption>(TOption option, string text)
        where TOption : Option
    {
        Texts.AddOrUpdate(option, text);
        return option;
    }

    /// <summary>The default shown for <paramref name="option"/>, or null when none was set.</summary>
    public static string? Shown(Option option) => Texts.TryGetValue(option, out var text) ? text : null;

    /// <summary>The help System.CommandLine wrote for <paramref name="command"/>, with the defaults set by <see cref="Show"/>.</summary>
    public static string Rewrite(string help, Command command)
    {
        ArgumentNullException.ThrowIfNull(help);
        ArgumentNullException.ThrowIfNull(command);
        var lines = help.Split('\n');
        foreach (var option in command.Options)
        {
            if (Shown(option) is not { } text || Library(option) is not { Length: > 0 } value)
            {
                continue;
            }

            // The option's row: from the line naming it in the first column to the next option's
            // line or the end of the section. A wrapped row may break "[default: X]" after the colon.
            var names = option.Aliases.Prepend(option.Name).ToList();
            var first = Array.FindIndex(lines, l => l.StartsWith("  -", StringComparison.Ordinal) && FirstColumn(l).Split(", ").Select(n => n.Split(' ')[0]).Any(names.Contains));
            if (first < 0)
            {
                continue;
            }

            var last = first;
            while (last + 1 < lines.Length && !lines[last + 1].StartsWith("  -", StringComparison.Ordinal) && lines[last + 1].Trim().Length > 0)
            {
                last++;
            }

            var row = string.Join('\n', lines[first..(last + 1)]);
            var pattern = new Regex(@"\[default:(\s+)" + Regex.Escape(value) + @"\]", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            var rewritten = pattern.Replace(row, m => $"[default:{m.Groups[1].Value}{text}]", 1).Split('\n');
            Array.Copy(rewritten, 0, lines, first, rewritten.Length);
        }

        return string.Join('\n', lines);
    }

    /// <summary>A command and every command under it.</summary>
    public static IEnumerable<Command> Walk(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        yield return command;
        foreach (var sub in command.Subcommands.SelectMany(Walk))
        {
            yield return sub;
        }
    }

    /// <summary>What System.CommandLine shows as the default: the value's text, a list's items joined with '|'.</summary>
    private static string? Library(Option option) => option.HasDefaultValue
        ? option.GetDefaultValue() switch
        {
            null => null,
            string s => s,
            IEnumerable items => string.Join('|', items.Cast<object>()),
            var other => other.ToString(),
        }
        : null;

    private static string FirstColumn(string line)
    {
        var text = line.TrimStart();
        var gap = text.IndexOf("  ", StringComparison.Ordinal);
        return gap < 0 ? text : text[..gap];
    }
}
