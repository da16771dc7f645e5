using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;

using Monitor.Core.Analysis;
using Monitor.Core.Domain;
using Monitor.Core.Text;
using Monitor.Probing;
using Monitor.Reporting.Probes;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>monitor probe TARGET...</c>: probes addresses side by side, a line per probe, then a summary per
/// target with every identity seen. Exit 0 when anything answered, 1 when nothing did, 2 on bad input.
/// </summary>
internal static class ProbeCommand
{
    private const string LocalVantage = "local";

    public static Command Create(TimeProvider time)
    {
        var targets = new Argument<IReadOnlyList<(IPAddress Address, int? Port)>>("TARGET")
        {
            Description = "Address to probe, IPv4 or IPv6, optionally with a port: 192.0.2.1, 192.0.2.1:5353, 2001:db8::1, [2001:db8::1]:5353",
            Arity = ArgumentArity.OneOrMore,
            CustomParser = ParseTargets,
        };
        var port = CliOptions.Integer("--port", "Port for targets that name none (default 53)", 1, 65535, "must be 1 to 65535", defaultValue: 53);
        var count = CliOptions.Integer("--count", "Probes per target; 0 probes until Ctrl-C (default 10)", 0, int.MaxValue, "must be 0 (until Ctrl-C) or more", defaultValue: 10);
        count.Aliases.Add("-c");
        var interval = CliOptions.Duration("--interval", "Time between rounds of probes", TimeSpan.FromSeconds(1));
        var timeout = CliOptions.Duration("--timeout", "How long each query waits for its answer", TimeSpan.FromSeconds(2));
        var qname = new Option<string>("--qname")
        {
            Description = "Query name (default id.server)",
            DefaultValueFactory = _ => "id.server",
        };
        qname.Validators.Add(r =>
        {
            try
            {
                _ = new DnsQuestion(r.GetValueOrDefault<string>() ?? string.Empty, DnsClasses.IN, DnsTypes.A);
            }
            catch (ArgumentException ex)
            {
                r.AddError("--qname: " + ex.Message);
            }
        });
        var qclass = new Option<ushort>("--qclass")
        {
            Description = "Query class: IN, CH, HS or CLASSnnn (default CH)",
            DefaultValueFactory = _ => DnsClasses.CH,
            CustomParser = r => ParseWith(r, DnsNames.TryParseClass, "--qclass", "a class such as IN, CH or CLASS3"),
        };
        var qtype = new Option<ushort>("--qtype")
        {
            Description = "Query type: A, AAAA, TXT, SOA, NS, … or TYPEnnn (default TXT)",
            DefaultValueFactory = _ => DnsTypes.TXT,
            CustomParser = r => ParseWith(r, DnsNames.TryParseType, "--qtype", "a type such as A, AAAA, TXT, SOA or TYPE65"),
        };
        var tcp = new Option<bool>("--tcp") { Description = "Query over TCP instead of UDP (no fallback either way)" };
        var rd = new Option<bool>("--rd") { Description = "Set the RD bit (recursion desired), for resolvers" };
        var identity = new Option<IdentityMethods>("--identity")
        {
            Description = "How to learn the answering node: any of nsid,id.server,hostname.bind, or none (default nsid,id.server)",
            DefaultValueFactory = _ => IdentityMethods.Nsid | IdentityMethods.IdServer,
            CustomParser = r =>
            {
                var text = string.Join(',', r.Tokens.Select(t => t.Value));
                if (!IdentityText.TryParse(text, out var methods, out var error))
                {
                    r.AddError(error);
                }

                return methods;
            },
        };
        var json = CliOptions.Json();

        var command = new Command("probe", "Probe DNS servers: RTT per query and which node answered (id.server, hostname.bind, NSID)")
        {
            targets, port, count, interval, timeout, qname, qclass, qtype, tcp, rd, identity, json,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var question = new DnsQuestion(parse.GetValue(qname)!, parse.GetValue(qclass), parse.GetValue(qtype));
            var list = parse.GetValue(targets)!
                .Select(t =>
                {
                    var address = t.Address;
                    return new Target(EndpointText.Format(address, t.Port ?? (int)parse.GetValue(port)!.Value), address)
                    {
                        Port = t.Port ?? (int)parse.GetValue(port)!.Value,
                        Transport = parse.GetValue(tcp) ? Transport.Tcp : Transport.Udp,
                        Query = question,
                        RecursionDesired = parse.GetValue(rd),
                        Identity = parse.GetValue(identity),
                        Timeout = parse.GetValue(timeout),
                    };
                })
                .ToList();
            var output = parse.InvocationConfiguration.Output;
            IProbeRenderer renderer = parse.GetValue(json) ? new ProbeJsonRenderer(output) : new ProbeTextRenderer(output);
            return await RunAsync(time, list, (int)parse.GetValue(count)!.Value, parse.GetValue(interval), parse.GetValue(timeout), renderer, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(
        TimeProvider time,
        IReadOnlyList<Target> targets,
        int count,
        TimeSpan interval,
        TimeSpan timeout,
        IProbeRenderer renderer,
        CancellationToken cancellationToken)
    {
        var prober = new DnsProber(time, new DnsProberOptions { DefaultTimeout = timeout });
        var measurements = targets.Select(_ => new List<Measurement>()).ToArray();
        renderer.Start(targets, count, interval, timeout);
        await prober.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        var from = time.GetUtcNow();
        try
        {
            for (var sequence = 1; count == 0 || sequence <= count; sequence++)
            {
                var roundStart = time.GetTimestamp();

                // All targets of a round at once; each probe times only its own packets.
                var round = await Task.WhenAll(targets.Select(t => prober.ProbeAsync(t, LocalVantage, cancellationToken))).ConfigureAwait(false);
                for (var i = 0; i < targets.Count; i++)
                {
                    measurements[i].Add(round[i]);
                    renderer.Probe(sequence, targets[i], round[i]);
                }

                if (sequence == count)
                {
                    break;
                }

                var wait = interval - time.GetElapsedTime(roundStart);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: the round in flight is dropped; the summary covers every completed probe.
        }

        var summaries = targets.Select((t, i) => (t, ProbeSummary.Of(t.Id, measurements[i]))).ToList();
        renderer.Summary(summaries, from, time.GetUtcNow());
        return measurements.Any(list => list.Any(m => m.IsAnswered)) ? ExitCodes.Success : ExitCodes.NothingAnswered;
    }

    private static IReadOnlyList<(IPAddress Address, int? Port)> ParseTargets(ArgumentResult result)
    {
        var parsed = new List<(IPAddress, int?)>();
        foreach (var token in result.Tokens)
        {
            if (!EndpointText.TryParse(token.Value, out var address, out var port, out var error))
            {
                result.AddError(error);
                return parsed;
            }

            parsed.Add((address, port));
        }

        return parsed;
    }

    private delegate bool TryParser(string? text, out ushort value);

    private static ushort ParseWith(ArgumentResult result, TryParser parser, string name, string expected)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (parser(text, out var value))
        {
            return value;
        }

        result.AddError($"{name}: '{text}' is not {expected}");
        return 0;
    }
}
