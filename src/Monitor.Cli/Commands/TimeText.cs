using System.CommandLine;
using System.Globalization;

namespace Monitor.Cli.Commands;

/// <summary>Instants on the command line: ISO 8601, read as UTC unless an offset is given.</summary>
internal static class TimeText
{
    public static Option<DateTimeOffset?> Option(string name, string description) => new(name)
    {
        Description = description + " (ISO 8601, UTC unless an offset is given, e.g. 2026-11-27T12:00:00Z)",
        CustomParser = r =>
        {
            var text = r.Tokens.Count == 1 ? r.Tokens[0].Value : string.Empty;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            {
                return instant;
            }

            r.AddError($"{name}: '{text}' is not a time; write ISO 8601, e.g. 2026-11-27T12:00:00Z");
            return null;
        },
    };
}
