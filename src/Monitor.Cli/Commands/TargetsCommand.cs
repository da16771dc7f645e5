using System.CommandLine;
using System.Text.Json;

using Monitor.Cli.Configuration;
using Monitor.Core.Text;
using Monitor.Probing;

namespace Monitor.Cli.Commands;

/// <summary><c>monitor targets --config FILE [--json]</c>: the parsed target set, as Monitor understood it.</summary>
internal static class TargetsCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config") { Description = "Target set (YAML)", Required = true };
        var json = CliOptions.Json();
        var command = new Command("targets", "List the targets of a configuration as parsed") { config, json };
        command.SetAction(parse =>
        {
            var c = ConfigLoader.Load(parse.GetValue(config)!);

            var output = parse.InvocationConfiguration.Output;
            var rows = c.Targets.Select(t => new
            {
                id = t.Id,
                provider = t.Provider,
                address = t.Address.ToString(),
                port = t.Port,
                endpoint = EndpointText.Format(t),
                kind = t.Kind.ToString().ToLowerInvariant(),
                transport = t.Transport.ToString().ToLowerInvariant(),
                query = DnsNames.Question(t.Query),
                recursion = t.RecursionDesired,
                identity = IdentityText.Format(t.Identity),
            }).ToList();
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    source = c.Source,
                    interval = DurationText.Format(c.Interval),
                    timeout = DurationText.Format(c.Timeout),
                    vantage = c.Vantage?.Id,
                    targets = rows,
                }));
                return ExitCodes.Success;
            }

            output.WriteLine($"{c.Source}: {rows.Count} target(s), interval {DurationText.Format(c.Interval)}, timeout {DurationText.Format(c.Timeout)}{(c.Vantage is null ? string.Empty : $", vantage '{c.Vantage.Id}'")}");
            var iw = Math.Max(2, rows.Max(r => r.id.Length));
            var pw = Math.Max(8, rows.Max(r => r.provider.Length));
            var ew = Math.Max(8, rows.Max(r => r.endpoint.Length));
            output.WriteLine($"{"id".PadRight(iw)}  {"provider".PadRight(pw)}  {"endpoint".PadRight(ew)}  {"kind",-8} {"proto",-5} {"rd",-3} query / identity");
            foreach (var r in rows)
            {
                output.WriteLine($"{r.id.PadRight(iw)}  {r.provider.PadRight(pw)}  {r.endpoint.PadRight(ew)}  {r.kind,-8} {r.transport,-5} {(r.recursion ? "on" : "off"),-3} {r.query} / {r.identity}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
