using System.Globalization;

using Monitor.Core.Text;

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Monitor.Cli.Configuration;

/// <summary>
/// Reads typed values out of YAML nodes of one file, turning every problem into a
/// <see cref="ConfigException"/> that names the file, the node's line and the field path.
/// Scalars are read from their text, so YAML 1.1 surprises (<c>NO</c> as false, <c>1:30</c> as 90) cannot happen.
/// </summary>
internal sealed class ConfigReader(string source)
{
    private readonly List<ConfigException> _problems = [];
    private int _more;

    /// <summary>The file name or path the nodes come from.</summary>
    public string Source { get; } = source;

    /// <summary>Problems recorded so far (see <see cref="Report"/>).</summary>
    public int ProblemCount => _problems.Count + _more;

    /// <summary>Records a problem and goes on reading, so that one run lists every mistake of a file.</summary>
    public void Report(ConfigException problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (_problems.Count < ConfigException.MaxProblems)
        {
            _problems.Add(problem);
        }
        else
        {
            _more++;
        }
    }

    /// <summary>Reads with <paramref name="read"/>; a problem is recorded and <paramref name="fallback"/> returned.</summary>
    public T Try<T>(Func<T> read, T fallback)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read();
        }
        catch (ConfigException ex)
        {
            Report(ex);
            return fallback;
        }
    }

    /// <summary>Throws the one problem recorded, or all of them in one exception, in file order; nothing when none.</summary>
    public void ThrowIfAny()
    {
        if (_problems.Count == 0)
        {
            return;
        }

        var ordered = _problems.OrderBy(p => p.Line ?? 0).ToList();
        throw ordered.Count == 1 && _more == 0 ? ordered[0] : new ConfigException(ordered, _more);
    }

    /// <summary>The 1-based line of a mark.</summary>
    public static int Line(Mark mark) => (int)Math.Clamp(mark.Line, 1, int.MaxValue);

    /// <summary>The path of a key inside <paramref name="path"/>: <c>targets[0].port</c>.</summary>
    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>The path of a list item: <c>targets[0]</c>.</summary>
    public static string Item(string path, int index) => $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>True for a plain <c>~</c>, <c>null</c> or nothing at all: a key written without a value.</summary>
    public static bool IsNull(YamlScalarNode node) =>
        (node.Style is ScalarStyle.Plain or ScalarStyle.Any) && (node.Value is null or "" or "~" or "null" or "Null" or "NULL");

    /// <summary>A few words for what a node is, for "found …" in messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when IsNull(scalar) => "no value",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an unsupported node",
    };

    /// <summary>An error about <paramref name="node"/>, on its line.</summary>
    public ConfigException Error(YamlNode node, string? field, string problem) =>
        new(Source, Line(node.Start), field, problem);

    /// <summary>Reads a mapping, rejecting keys not in <paramref name="keys"/>.</summary>
    /// <param name="node">The node that should be a mapping.</param>
    /// <param name="field">Its field path; empty at the top of the file.</param>
    /// <param name="expected">What it should be, e.g. "a mapping with id, provider, address and kind".</param>
    /// <param name="keys">The keys it may have, in the order messages list them.</param>
    public ConfigFields Mapping(YamlNode node, string field, string expected, IReadOnlyList<string> keys)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, NullIfEmpty(field), $"expected {expected}, found {Describe(node)}");
        }

        var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw Error(keyNode, NullIfEmpty(field), "a key must be a plain word, not a list or a mapping");
            }

            if (!keys.Contains(key, StringComparer.Ordinal))
            {
                // Recorded, and the other keys are still read: a typo should not hide the next mistake.
                Report(Error(keyNode, Child(field, key), $"unknown key; expected one of {string.Join(", ", keys)}"));
                continue;
            }

            values.Add(key, value);
        }

        return new ConfigFields(this, mapping, field, values);
    }

    /// <summary>Reads a list.</summary>
    public YamlSequenceNode Sequence(YamlNode node, string field, string expected) =>
        node as YamlSequenceNode ?? throw Error(node, field, $"expected {expected}, found {Describe(node)}");

    /// <summary>
    /// Reads one of a fixed set of words, case-insensitively (a kind, a transport, …); anything else
    /// is an error naming <paramref name="noun"/> and the choices.
    /// </summary>
    public T Word<T>(YamlNode node, string field, string noun, params (string Word, T Value)[] words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var choices = string.Join(", ", words[..^1].Select(w => w.Word)) + " or " + words[^1].Word;
        var text = Text(node, field, choices);
        foreach (var (word, value) in words)
        {
            if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw Error(node, field, $"'{text}' is not {noun}; use {choices}");
    }

    /// <summary>Reads a scalar's text; a missing value, a list or a mapping is an error.</summary>
    public string Text(YamlNode node, string field, string expected)
    {
        if (node is YamlScalarNode scalar && !IsNull(scalar))
        {
            return scalar.Value ?? string.Empty;
        }

        throw Error(node, field, $"expected {expected}, found {Describe(node)}");
    }

    /// <summary>Reads text that is not empty or blank.</summary>
    public string Word(YamlNode node, string field, string expected)
    {
        var text = Text(node, field, expected);
        return string.IsNullOrWhiteSpace(text) ? throw Error(node, field, $"is empty; expected {expected}") : text.Trim();
    }

    /// <summary>Reads a duration such as <c>500ms</c>, <c>2s</c>, <c>5m</c> or <c>1h</c>.</summary>
    public TimeSpan Duration(YamlNode node, string field)
    {
        var text = Text(node, field, "a duration such as 500ms, 2s, 5m or 1h");
        return DurationText.TryParse(text, out var duration, out var error) ? duration : throw Error(node, field, error);
    }

    /// <summary>Reads a whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long Integer(YamlNode node, string field, long min, long max, string what)
    {
        var text = Text(node, field, what);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(node, field, $"'{text}' is not a whole number; expected {what}");
        }

        return value >= min && value <= max ? value : throw Error(node, field, $"{text} is out of range; expected {what}");
    }

    /// <summary>Reads a finite decimal number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double Number(YamlNode node, string field, double min, double max, string what)
    {
        var text = Text(node, field, what);
        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(node, field, $"'{text}' is not a number; expected {what}");
        }

        return value >= min && value <= max ? value : throw Error(node, field, $"{text} is out of range; expected {what}");
    }

    /// <summary>Reads <c>true</c> or <c>false</c> (YAML 1.2 core schema; <c>yes</c>/<c>no</c> are refused).</summary>
    public bool Boolean(YamlNode node, string field)
    {
        var text = Text(node, field, "true or false");
        return text switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => throw Error(node, field, $"'{text}' is not a boolean; write true or false"),
        };
    }

    private static string? NullIfEmpty(string field) => field.Length == 0 ? null : field;
}
