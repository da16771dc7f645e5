using System.CommandLine;

using Monitor.Core.Analysis;
using Monitor.Core.Text;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>--from T [--to T | --last DUR]</c>, shared by the commands that read a window of stored
/// measurements (<c>analyze</c>, <c>report</c>): the options, their validation and the window they give.
/// </summary>
internal sealed class WindowOptions
{
    public Option<DateTimeOffset?> From { get; } = TimeText.Option("--from", "Window start, inclusive");

    public Option<DateTimeOffset?> To { get; } = TimeText.Option("--to", "Window end, exclusive");

    public Option<TimeSpan?> Last { get; } = CliOptions.OptionalDuration("--last", "Window of this length ending now (e.g. 1h, 30m)");

    /// <summary>Adds the options and the "not both" rules to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(From);
        command.Options.Add(To);
        command.Options.Add(Last);
        command.Validators.Add(r =>
        {
            if (r.GetResult(Last) is { Implicit: false } && r.GetResult(To) is { Implicit: false })
            {
                r.AddError("give --to or --last, not both");
            }

            if (r.GetResult(Last) is { Implicit: false } && r.GetResult(From) is { Implicit: false })
            {
                r.AddError("give --from or --last, not both");
            }
        });
    }

    /// <summary>The window the parsed options name.</summary>
    /// <exception cref="BadInputException">--to is not after --from.</exception>
    public AnalysisWindow Window(ParseResult parse, TimeProvider time)
    {
        if (parse.GetValue(Last) is { } length)
        {
            var now = time.GetUtcNow();
            return new AnalysisWindow(now - length, now);
        }

        var from = parse.GetValue(From);
        var to = parse.GetValue(To);
        if (from is not null && to is not null && to <= from)
        {
            throw new BadInputException($"--to {OutputWords.Utc(to.Value)} is not after --from {OutputWords.Utc(from.Value)}");
        }

        return new AnalysisWindow(from, to);
    }
}
