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
        var targets = new Argument<IReadOnlyList<(IPAddress? Address, string? Host, int? Port)>>("TARGET")
        {
            Description = "Address to probe, IPv4 or IPv6, optionally with a port: 192.0.2.1, 192.0.2.1:5353, 2001:db8::1, [2001:db8::1]:5353; " +
                "or a host name (dns.example, dns.example:853), resolved through the system resolver",
            Arity = ArgumentArity.OneOrMore,
            CustomParser = ParseTargets,
        };
        // dnsping's short flags: -c count, -i interval, -w timeout, -p port, -T TCP, -j JSON, -q quiet.
        var port = CliOptions.Integer("--port", "Port for targets that name none (default 53; 853 with --transport tls, 443 with https)", 1, 65535, "must be 1 to 65535");
        port.Aliases.Add("-p");
        var count = CliOptions.Integer("--count", "Probes per target; 0 probes until Ctrl-C", 0, int.MaxValue, "must be 0 (until Ctrl-C) or more", defaultValue: 10);
        count.Aliases.Add("-c");
        var interval = CliOptions.Duration("--interval", "Time between rounds of probes", TimeSpan.FromSeconds(1));
        interval.Aliases.Add("-i");
        var timeout = CliOptions.Duration("--timeout", "How long each query waits for its answer", TimeSpan.FromSeconds(2));
        timeout.Aliases.Add("-w");
        var qname = HelpDefaults.Show(new Option<string>("--qname") { Description = "Query name", DefaultValueFactory = _ => "id.server" }, "id.server");
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
        var qclass = Mnemonic("--qclass", "Query class: IN, CH, HS or CLASSnnn", "class", DnsClasses.CH, DnsNames.TryParseClass, DnsNames.ClassName, "a class such as IN, CH or CLASS3");
        var qtype = Mnemonic("--qtype", "Query type: A, AAAA, TXT, SOA, NS, … or TYPEnnn", "type", DnsTypes.TXT, DnsNames.TryParseType, DnsNames.TypeName, "a type such as A, AAAA, TXT, SOA or TYPE65");
        var tcp = new Option<bool>("--tcp", "-T") { Description = "Query over TCP instead of UDP (no fallback either way); the same as --transport tcp" };
        var transport = new Option<Transport?>("--transport")
        {
            Description = "udp, tcp, tls (DNS over TLS) or https (DNS over HTTPS) (default udp; never a fallback)",
            HelpName = "udp|tcp|tls|https",
            CustomParser = r => ParseWord(r, "--transport", "udp, tcp, tls or https", ("udp", Transport.Udp), ("tcp", Transport.Tcp), ("tls", Transport.Tls), ("https", Transport.Https)),
        };
        var connection = new Option<ConnectionMode?>("--connection")
        {
            Description = "For tcp, tls and https: 'fresh' opens a connection per probe (connect_ms, tls_ms and RTT apart), 'kept' keeps one (steady-state RTT) (default fresh)",
            HelpName = "fresh|kept",
            CustomParser = r => ParseWord(r, "--connection", "fresh or kept", ("fresh", ConnectionMode.Fresh), ("kept", ConnectionMode.Kept)),
        };
        var tlsName = new Option<string?>("--tls-name") { Description = "For tls and https: the name sent in SNI and required in the certificate (default: the URL's host, the host name or the address)" };
        var url = new Option<Uri?>("--url")
        {
            Description = "For https: the DoH URL, e.g. https://dns.example/dns-query (default https://ADDRESS:PORT/dns-query); the connection goes to TARGET",
            CustomParser = r =>
            {
                var text = r.Tokens.Count == 1 ? r.Tokens[0].Value : string.Empty;
                if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                {
                    r.AddError($"--url: '{text}' is not an https URL such as https://dns.example/dns-query");
                    return null;
                }

                return uri;
            },
        };
        var tlsInsecure = new Option<bool>("--tls-insecure") { Description = "For tls and https: accept any certificate (labs only; validation is on by default)" };
        var dohMethod = new Option<DohMethod?>("--doh-method")
        {
            Description = "For https: post (default) or get (RFC 8484 §4.1)",
            HelpName = "post|get",
            CustomParser = r => ParseWord(r, "--doh-method", "post or get", ("post", DohMethod.Post), ("get", DohMethod.Get)),
        };
        var httpVersion = new Option<Version?>("--http-version")
        {
            Description = "For https: require 2 or 1.1 (default: HTTP/2, HTTP/1.1 when the server offers only that)",
            HelpName = "2|1.1",
            CustomParser = r => ParseWord(r, "--http-version", "2 or 1.1", ("2", 2), ("1.1", 1)) switch
            {
                2 => System.Net.HttpVersion.Version20,
                1 => System.Net.HttpVersion.Version11,
                _ => null,
            },
        };
        var dnssec = new Option<bool>("--dnssec") { Description = "Set the DO bit; show the AD bit and whether RRSIGs came back" };
        var ednsSize = CliOptions.Integer("--edns-size", "The EDNS UDP payload size advertised, 512 to 65535 (default 1232)", 512, 65535, "must be 512 to 65535");
        var noEdns = new Option<bool>("--no-edns") { Description = "Send no OPT record (then no NSID, no DNSSEC)" };
        var rd = new Option<bool>("--rd") { Description = "Set the RD bit (recursion desired), for resolvers" };
        var identity = HelpDefaults.Show(
            new Option<IdentityMethods>("--identity")
            {
                Description = "How to learn the answering node: any of nsid,id.server,hostname.bind (comma-separated), or none",
                HelpName = "nsid,id.server,hostname.bind|none",
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
            },
            IdentityText.Format(IdentityMethods.Nsid | IdentityMethods.IdServer));
        var json = CliOptions.Json();
        json.Aliases.Add("-j");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print no line per probe, only the summary (and JSON without the probe lines)" };

        var command = new Command("probe", "Probe DNS servers: RTT per query and which node answered (id.server, hostname.bind, NSID)")
        {
            targets, port, count, interval, timeout, qname, qclass, qtype, tcp, transport, connection, tlsName, url, tlsInsecure, dohMethod, httpVersion,
            dnssec, ednsSize, noEdns, rd, identity, json, quiet,
        };
        command.Validators.Add(r =>
        {
            Transport? chosen;
            try
            {
                chosen = r.GetValue(transport);
                _ = r.GetValue(url);
                _ = r.GetValue(connection);
                _ = r.GetValue(dohMethod);
                _ = r.GetValue(httpVersion);
                _ = r.GetValue(ednsSize);
            }
            catch (InvalidOperationException)
            {
                return; // a value that did not parse has its own error already
            }

            if (r.GetValue(tcp) && chosen is not null and not Transport.Tcp)
            {
                r.AddError($"--tcp and --transport {chosen.Value.ToString().ToLowerInvariant()} contradict each other");
            }

            var effective = chosen ?? (r.GetValue(tcp) ? Transport.Tcp : Transport.Udp);
            if (effective is not (Transport.Tls or Transport.Https) && (r.GetValue(tlsName) is not null || r.GetValue(tlsInsecure)))
            {
                r.AddError("--tls-name and --tls-insecure need --transport tls or https");
            }

            if (effective != Transport.Https && (r.GetValue(url) is not null || r.GetValue(dohMethod) is not null || r.GetValue(httpVersion) is not null))
            {
                r.AddError("--url, --doh-method and --http-version need --transport https");
            }

            if (effective == Transport.Udp && r.GetValue(connection) is not null)
            {
                r.AddError("--connection needs --transport tcp, tls or https (UDP has no connection)");
            }

            if (r.GetValue(noEdns) && (r.GetValue(dnssec) || r.GetValue(ednsSize) is not null))
            {
                r.AddError("--no-edns cannot go with --dnssec or --edns-size: both live in the OPT record");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            var question = new DnsQuestion(parse.GetValue(qname)!, parse.GetValue(qclass), parse.GetValue(qtype));
            var chosen = parse.GetValue(transport) ?? (parse.GetValue(tcp) ? Transport.Tcp : Transport.Udp);
            var defaultPort = (int?)parse.GetValue(port) ?? TransportPorts.Default(chosen);
            var list = parse.GetValue(targets)!
                .Select(t =>
                {
                    var targetPort = t.Port ?? defaultPort;
                    var id = t.Address is { } literal ? EndpointText.Format(literal, targetPort) : $"{t.Host}:{targetPort}";
                    return new Target(id, t.Address ?? IPAddress.Any)
                    {
                        HostName = t.Host,
                        Port = targetPort,
                        Transport = chosen,
                        Connection = parse.GetValue(connection) ?? ConnectionMode.Fresh,
                        TlsName = parse.GetValue(tlsName),
                        TlsInsecure = parse.GetValue(tlsInsecure),
                        Url = parse.GetValue(url),
                        DohMethod = parse.GetValue(dohMethod) ?? DohMethod.Post,
                        HttpVersion = parse.GetValue(httpVersion),
                        Edns = !parse.GetValue(noEdns),
                        EdnsSize = (ushort?)parse.GetValue(ednsSize),
                        Dnssec = parse.GetValue(dnssec),
                        Query = question,
                        RecursionDesired = parse.GetValue(rd),
                        Identity = parse.GetValue(identity),
                        Timeout = parse.GetValue(timeout),
                    };
                })
                .ToList();
            var output = parse.InvocationConfiguration.Output;
            IProbeRenderer renderer = parse.GetValue(json) ? new ProbeJsonRenderer(output) : new ProbeTextRenderer(output);
            if (parse.GetValue(quiet))
            {
                renderer = new QuietRenderer(renderer);
            }

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
        await using var prober = new DnsProber(time, new DnsProberOptions { DefaultTimeout = timeout });
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

    private static IReadOnlyList<(IPAddress? Address, string? Host, int? Port)> ParseTargets(ArgumentResult result)
    {
        var parsed = new List<(IPAddress?, string?, int?)>();
        foreach (var token in result.Tokens)
        {
            if (EndpointText.TryParse(token.Value, out var address, out var port, out var error))
            {
                parsed.Add((address, null, port));
            }
            else if (EndpointText.TryParseHost(token.Value, out var host, out var hostPort))
            {
                parsed.Add((null, host, hostPort));
            }
            else
            {
                result.AddError(error.Replace("is not an IPv4 or IPv6 address", "is not an IPv4 or IPv6 address or a host name", StringComparison.Ordinal));
                return parsed;
            }
        }

        return parsed;
    }

    private static T? ParseWord<T>(ArgumentResult result, string name, string expected, params (string Word, T Value)[] words)
        where T : struct
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        foreach (var (word, value) in words)
        {
            if (string.Equals(word, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        result.AddError($"{name}: '{text}' is not {expected}");
        return null;
    }

    private delegate bool TryParser(string? text, out ushort value);

    /// <summary>A qclass or qtype option: typed and shown in help as its mnemonic (CH, TXT), never as the number.</summary>
    private static Option<ushort> Mnemonic(string name, string description, string helpName, ushort defaultValue, TryParser parser, Func<ushort, string> format, string expected) =>
        HelpDefaults.Show(
            new Option<ushort>(name)
            {
                Description = description,
                HelpName = helpName,
                DefaultValueFactory = _ => defaultValue,
                CustomParser = r => ParseWith(r, parser, name, expected),
            },
            format(defaultValue));

    /// <summary><c>-q</c>: the header and the summary, no line per probe.</summary>
    private sealed class QuietRenderer(IProbeRenderer inner) : IProbeRenderer
    {
        public void Start(IReadOnlyList<Target> targets, int count, TimeSpan interval, TimeSpan timeout) => inner.Start(targets, count, interval, timeout);

        public void Probe(int sequence, Target target, Measurement measurement)
        {
        }

        public void Summary(IReadOnlyList<(Target Target, ProbeSummary Summary)> summaries, DateTimeOffset first, DateTimeOffset last) => inner.Summary(summaries, first, last);
    }

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
