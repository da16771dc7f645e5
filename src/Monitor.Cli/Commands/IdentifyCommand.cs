using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;
using Monitor.Core.Text;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>monitor identify STRING... [--provider NAME] [--from LAT,LON] [--rtt DUR] [--json]</c>: what the site
/// engine makes of identity strings (NSID, <c>id.server</c>, <c>hostname.bind</c>): site, city, country,
/// confidence and evidence. Strings come from standard input, one per line, when none are given.
/// Exit 0 when every string was identified, 1 when any stayed unknown, 2 on bad input.
/// </summary>
internal static class IdentifyCommand
{
    /// <summary>Lines read from standard input at most; longer input is refused as bad input.</summary>
    public const int MaxStrings = 100_000;

    public static Command Create(Func<TextReader> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var strings = new Argument<string[]>("STRING") { Description = "Identity strings; none: read them from standard input, one per line", Arity = ArgumentArity.ZeroOrMore };
        var provider = new Option<string?>("--provider") { Description = "The target's provider (e.g. Cloudflare, Quad9, RIPE NCC): its own conventions count as high confidence" };
        var from = new Option<(double Latitude, double Longitude)?>("--from")
        {
            Description = "The vantage point's position, LAT,LON in degrees (e.g. 52.37,4.90); with --rtt, candidates physics rules out are rejected",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
                var parts = text.Split(',');
                if (parts.Length != 2 ||
                    !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) ||
                    !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) ||
                    lat is < -90 or > 90 || lon is < -180 or > 180)
                {
                    result.AddError($"--from: '{text}' is not LAT,LON in degrees (latitude -90 to 90, longitude -180 to 180), e.g. 52.37,4.90");
                    return null;
                }

                return (lat, lon);
            },
        };
        var rtt = CliOptions.OptionalDuration("--rtt", "The smallest RTT seen to the target (e.g. 4ms, 1.5ms); with --from, the physics check's radius is 200 km/ms × RTT / 2");
        var json = CliOptions.Json();
        var command = new Command("identify", "Identify the site an identity string (NSID, id.server, hostname.bind) names, with confidence and evidence") { strings, provider, from, rtt, json };
        command.Validators.Add(r =>
        {
            if ((r.GetResult(from) is null) != (r.GetResult(rtt) is null))
            {
                r.AddError("give both --from and --rtt (the physics check needs both), or neither");
            }
        });
        command.SetAction(parse =>
        {
            // Every string is read in the escaped printable form analysis sees (IdentityValue.Text), so
            // control characters and non-ASCII text are shown escaped, never sent to the terminal.
            IReadOnlyList<string> raw = parse.GetValue(strings) is { Length: > 0 } given ? given : ReadLines(input());
            var texts = raw.Select(t => new IdentityValue(System.Text.Encoding.UTF8.GetBytes(t)).Text).ToList();
            if (texts.Count == 0)
            {
                throw new BadInputException("no identity strings: give them as arguments or one per line on standard input");
            }

            var physics = parse.GetValue(from) is { } at && parse.GetValue(rtt) is { } min
                ? new PhysicsContext(at.Latitude, at.Longitude, min.TotalMilliseconds)
                : null;
            var engine = SiteEngine.CreateDefault();
            var results = texts.Select(t => (Text: t, Result: engine.Identify(t, IdentitySource.Any, parse.GetValue(provider), physics))).ToList();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    provider = parse.GetValue(provider),
                    from = physics is null ? null : new { latitude = physics.Latitude, longitude = physics.Longitude },
                    rtt_ms = physics?.MinRttMs,
                    identities = results.Select(r => new
                    {
                        identity = r.Text,
                        site = r.Result.Identified ? r.Result.Site.Code : null,
                        city = r.Result.Site.City,
                        country = r.Result.Site.Country,
                        latitude = r.Result.Site.Latitude,
                        longitude = r.Result.Site.Longitude,
                        confidence = OutputWords.Confidence(r.Result.Confidence),
                        rule = r.Result.Rule,
                        evidence = r.Result.Evidence,
                        reason = r.Result.Reason,
                    }),
                }));
            }
            else
            {
                foreach (var (text, result) in results)
                {
                    output.WriteLine(result.Identified
                        ? $"{text}: {result.Site.Code} ({Place(result.Site)}), {OutputWords.Confidence(result.Confidence)} confidence"
                        : $"{text}: unknown ({result.Reason})");
                    foreach (var line in result.Evidence)
                    {
                        output.WriteLine($"  {line}");
                    }
                }
            }

            return results.All(r => r.Result.Identified) ? ExitCodes.Success : ExitCodes.NothingAnswered;
        });
        return command;
    }

    private static string Place(Site site) =>
        string.Join(", ", new[] { site.City, site.Country }.Where(s => !string.IsNullOrEmpty(s))) is { Length: > 0 } p ? p : "no place";

    private static List<string> ReadLines(TextReader reader)
    {
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (lines.Count == MaxStrings)
            {
                throw new BadInputException($"more than {MaxStrings.ToString(CultureInfo.InvariantCulture)} lines on standard input; give fewer");
            }

            lines.Add(trimmed);
        }

        return lines;
    }
}
