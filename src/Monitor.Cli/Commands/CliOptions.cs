using System.CommandLine;

using Monitor.Core.Text;

namespace Monitor.Cli.Commands;

/// <summary>Option builders shared by subcommands, so every duration reads the same way.</summary>
internal static class CliOptions
{
    /// <summary>What an empty value of an integer option that allows it parses to; see <see cref="Given(long?)"/>.</summary>
    private const long AbsentInteger = long.MinValue;

    /// <summary>A duration option (<c>500ms</c>, <c>2s</c>, <c>5m</c>, <c>1h</c>) that must be positive.</summary>
    public static Option<TimeSpan> Duration(string name, string description, TimeSpan defaultValue) => HelpDefaults.Show(new Option<TimeSpan>(name)
    {
        Description = $"{description} (e.g. 500ms, 2s, 5m)",
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
    }, DurationText.Format(defaultValue));

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

    /// <summary>
    /// A whole-number option in [<paramref name="min"/>, <paramref name="max"/>]. Text that is not a
    /// number is a parse error (one line, exit 2), never an exception when the value is read.
    /// </summary>
    /// <param name="name">The option, e.g. <c>--rounds</c>.</param>
    /// <param name="description">Its help text.</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    /// <param name="range">Completes "NAME …" when out of range, e.g. "must be 1 or more".</param>
    /// <param name="defaultValue">The value when the option is not given; null for none.</param>
    /// <param name="emptyIsAbsent">An empty value (<c>--asn ""</c>, what systemd passes for an unset <c>${VAR}</c>) means not given; read the value with <see cref="Given(long?)"/>.</param>
    public static Option<long?> Integer(string name, string description, long min, long max, string range, long? defaultValue = null, bool emptyIsAbsent = false)
    {
        var option = new Option<long?>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                return emptyIsAbsent && string.IsNullOrWhiteSpace(text) ? AbsentInteger : ParseInteger(result, text, name, min, max, range);
            },
        };
        if (defaultValue is not { } shown)
        {
            return option;
        }

        option.DefaultValueFactory = _ => shown;
        return HelpDefaults.Show(option, shown.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A decimal-number option in [<paramref name="min"/>, <paramref name="max"/>]; see <see cref="Integer"/>.</summary>
    public static Option<double?> Number(string name, string description, double min, double max, string range, bool emptyIsAbsent = false) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (emptyIsAbsent && string.IsNullOrWhiteSpace(text))
            {
                return double.NaN; // see Given
            }

            if (!double.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                result.AddError($"{name}: '{text}' is not a number; {name} {range}");
                return null;
            }

            if (!(value >= min && value <= max))
            {
                result.AddError($"{name} {range}");
                return null;
            }

            return value;
        },
    };

    /// <summary>
    /// A text option where an empty or blank value (<c>--city ""</c>, what systemd passes for an unset
    /// <c>${VAR}</c>) means not given; other values are trimmed.
    /// </summary>
    public static Option<string?> OptionalText(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            return text.Trim(); // empty: see Given
        },
    };

    /// <summary>
    /// The value of an option whose empty value means not given (<see cref="OptionalText"/>, or
    /// <see cref="Integer"/> and <see cref="Number"/> with <c>emptyIsAbsent</c>): null when it was
    /// left out or empty. (System.CommandLine refuses a null from a custom parser, so an empty value
    /// parses to a marker that no valid value can be: "", NaN, <see cref="long.MinValue"/>.)
    /// </summary>
    public static string? Given(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <inheritdoc cref="Given(string?)"/>
    public static double? Given(double? value) => value is { } v && double.IsNaN(v) ? null : value;

    /// <inheritdoc cref="Given(string?)"/>
    public static long? Given(long? value) => value == AbsentInteger ? null : value;

    /// <summary>The <c>--json</c> flag of read commands.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Write JSON instead of text" };

    /// <summary><c>--group-by vantage|country|continent|asn</c>: how latency and catchment tables group vantage points.</summary>
    public static Option<string> GroupBy()
    {
        var option = HelpDefaults.Show(
            new Option<string>("--group-by")
            {
                Description = "Group latency and catchment tables by vantage, country, continent or asn",
                HelpName = "vantage|country|continent|asn",
                DefaultValueFactory = _ => "vantage",
            },
            "vantage");
        OneOf(option, "vantage", "country", "continent", "asn");
        return option;
    }

    /// <summary>Accepts only these words, with a one-line error (System.CommandLine's own lists them over several lines).</summary>
    public static void OneOf(Option option, params string[] words) => option.Validators.Add(result =>
    {
        var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
        if (value is not null && !words.Contains(value, StringComparer.Ordinal))
        {
            result.AddError($"{option.Name} must be one of {string.Join(", ", words)} (got '{value}')");
        }
    });

    /// <summary>The grouping a <see cref="GroupBy"/> value names.</summary>
    public static Monitor.Core.Analysis.Grouping.VantageGrouping Grouping(string? value) => value switch
    {
        "country" => Monitor.Core.Analysis.Grouping.VantageGrouping.Country,
        "continent" => Monitor.Core.Analysis.Grouping.VantageGrouping.Continent,
        "asn" => Monitor.Core.Analysis.Grouping.VantageGrouping.Asn,
        _ => Monitor.Core.Analysis.Grouping.VantageGrouping.Vantage,
    };

    private static long? ParseInteger(System.CommandLine.Parsing.ArgumentResult result, string text, string name, long min, long max, string range)
    {
        if (!long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name}: '{text}' is not a whole number; {name} {range}");
            return null;
        }

        if (value < min || value > max)
        {
            result.AddError($"{name} {range}");
            return null;
        }

        return value;
    }
}
