using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Monitor.Cli.Configuration;

/// <summary>
/// A configuration file that cannot be used: unreadable, not YAML, or not a valid target set. The
/// message reads <c>SOURCE:LINE: FIELD: problem</c>, e.g.
/// <c>probes/x.yaml:12: targets[2].address: 'example.com' is not an IPv4 or IPv6 address</c>;
/// the line and field are left out when they are unknown. A file with several problems gives one
/// exception whose <see cref="Problems"/> lists them (up to <see cref="MaxProblems"/>), one per line of the message.
/// </summary>
[SuppressMessage("Design", "CA1032:Implement standard exception constructors", Justification = "Every config error names its source; a bare message would lose it.")]
public sealed class ConfigException : Exception
{
    /// <summary>How many problems one file reports at most.</summary>
    public const int MaxProblems = 20;

    private string _source;

    /// <summary>Creates the error for a problem in <paramref name="source"/>.</summary>
    /// <param name="source">The file name or path as given to the loader.</param>
    /// <param name="line">The 1-based line, when known.</param>
    /// <param name="field">The field path such as <c>targets[2].address</c>, when there is one.</param>
    /// <param name="problem">What is wrong, and where it helps, what to write instead.</param>
    /// <param name="innerException">The error that led to this one, if any.</param>
    public ConfigException(string source, int? line, string? field, string problem, Exception? innerException = null)
        : base(Format(source, line, field, problem), innerException)
    {
        _source = source;
        Line = line;
        Field = field;
        Problem = problem;
        Problems = [this];
    }

    /// <summary>Several problems of one file, in file order; the first gives source, line, field and problem.</summary>
    /// <param name="problems">The problems, at most <see cref="MaxProblems"/>.</param>
    /// <param name="more">How many more were found and are not listed.</param>
    public ConfigException(IReadOnlyList<ConfigException> problems, int more)
        : base(FormatAll(problems, more))
    {
        var first = problems[0];
        _source = first.Source;
        Line = first.Line;
        Field = first.Field;
        Problem = first.Problem;
        Problems = problems;
    }

    /// <summary>Every problem found (this one alone when there is one).</summary>
    public IReadOnlyList<ConfigException> Problems { get; }

    /// <summary>The file name or path as given to the loader (not, as for other exceptions, the assembly).</summary>
    [AllowNull]
    public override string Source
    {
        get => _source;
        set => _source = value ?? string.Empty;
    }

    /// <summary>The 1-based line the problem is on, or null when it concerns the whole file.</summary>
    public int? Line { get; }

    /// <summary>The field path, e.g. <c>targets[2].address</c> or <c>vantage.id</c>; null when no field is concerned.</summary>
    public string? Field { get; }

    /// <summary>The problem alone, without source, line and field.</summary>
    public string Problem { get; }

    private static string FormatAll(IReadOnlyList<ConfigException> problems, int more)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentOutOfRangeException.ThrowIfZero(problems.Count);
        var lines = problems.Select(p => p.Message);
        return string.Join('\n', more > 0 ? lines.Append($"{problems[0].Source}: {more.ToString(System.Globalization.CultureInfo.InvariantCulture)} more problem(s) not listed") : lines);
    }

    private static string Format(string source, int? line, string? field, string problem)
    {
        var builder = new StringBuilder(source);
        if (line is not null)
        {
            builder.Append(':').Append(line.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        builder.Append(": ");
        if (field is not null)
        {
            builder.Append(field).Append(": ");
        }

        return builder.Append(problem).ToString();
    }
}
