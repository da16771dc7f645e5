using System.CommandLine;

using Monitor.Core.Text;

namespace Monitor.Cli.Commands;

/// <summary>Option builders shared by subcommands, so every duration reads the same way.</summary>
internal static class CliOptions
{
    /// <summary>A duration option (<c>500ms</c>, <c>2s</c>, <c>5m</c>, <c>1h</c>) that must be positive.</summary>
    public static Option<TimeSpan> Duration(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = $"{description} (e.g. 500ms, 2s, 5m; default {DurationText.Format(defaultValue)})",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (!DurationText.TryParse(text, out var duration, out var error))
            {
                result.AddError($"{name}: {error}");
                return default;
            }

            if (duration <= TimeSpan.Zero)
            {
                result.AddError($"{name} must be longer than zero");
                return default;
            }

            return duration;
        },
    };

    /// <summary>An optional duration option (<c>10m</c>, <c>1h</c>) that must be positive when given.</summary>
    public static Option<TimeSpan?> OptionalDuration(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (!DurationText.TryParse(text, out var duration, out var error) || duration <= TimeSpan.Zero)
            {
                result.AddError($"{name}: {(error.Length > 0 ? error : "must be longer than zero")}");
                return null;
            }

            return duration;
        },
    };

    /// <summary>The <c>--json</c> flag of read commands.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of text" };
}
