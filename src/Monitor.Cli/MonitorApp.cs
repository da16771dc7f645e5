using System.CommandLine;
using System.CommandLine.Help;

using Monitor.Cli.Commands;
using Monitor.Cli.Configuration;
using Monitor.Storage;

namespace Monitor.Cli;

/// <summary>The <c>monitor</c> command: its subcommands and the exit-code contract.</summary>
public static class MonitorApp
{
    /// <summary>Builds the command tree.</summary>
    public static RootCommand Build(TimeProvider time)
    {
        var root = new RootCommand("Monitor: a DNS latency monitor that learns which anycast node answered.");
        root.Subcommands.Add(ProbeCommand.Create(time));
        root.Subcommands.Add(RunCommand.Create(time));
        root.Subcommands.Add(TargetsCommand.Create());
        root.Subcommands.Add(ServerCommand.Create(time));
        root.Subcommands.Add(WorkerCommand.Create(time));
        root.Subcommands.Add(AnalyzeCommand.Create(time));
        root.Subcommands.Add(ReportCommand.Create(time));
        root.Subcommands.Add(DbCommand.Create(time));
        root.Subcommands.Add(ImportCommand.Create(time));
        root.Subcommands.Add(IdentifyCommand.Create(() => Console.In));
        return root;
    }

    /// <summary>Parses and runs; a parse error is one line on <paramref name="error"/> and exit code 2.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, TimeProvider.System, cancellationToken);

    /// <summary>Parses and runs with an explicit clock.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        var root = Build(time);

        // No response files: "--db @FILE" is Monitor's own (StoreOpener reads the whole file as one
        // connection string, spaces and all), not a list of arguments to splice in.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var command = parsed.CommandResult.Command;
        var path = CommandPath(parsed.CommandResult);
        if (parsed.Errors.Count > 0 || UnknownOptions.Find(parsed) is not null)
        {
            await error.WriteLineAsync($"{path}: {Describe(parsed, command)} (see '{path} --help')").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        // Ctrl-C and SIGTERM cancel the action's token; a scheduled run then lets its round in flight
        // (bounded by probe timeouts) finish and be stored, so give it time.
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = TimeSpan.FromMinutes(2),
        };
        if (parsed.Action is HelpAction)
        {
            // Help is written as System.CommandLine lays it out, with defaults as a user types them.
            using var help = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            var code = await parsed.InvokeAsync(new InvocationConfiguration { Output = help, Error = error }, cancellationToken).ConfigureAwait(false);
            await output!.WriteAsync(HelpDefaults.Rewrite(help.ToString(), command)).ConfigureAwait(false);
            return code;
        }

        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is BadInputException or ConfigException)
        {
            // A configuration error already names file, line and field; a file with several lists
            // them, one a line.
            foreach (var line in ex.Message.Split('\n'))
            {
                await error.WriteLineAsync($"{path}: {line}").ConfigureAwait(false);
            }

            return ExitCodes.BadInput;
        }
        catch (StoreOpenException ex)
        {
            await error.WriteLineAsync($"{path}: --db: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
    }

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = result; r is System.CommandLine.Parsing.CommandResult c; r = r.Parent)
        {
            names.Add(c.Command is RootCommand ? "monitor" : c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>
    /// The one error worth a line: an unknown option (with the closest known one) beats everything,
    /// since it also derails the parse of what follows; then an unknown word beats "no command
    /// given"; a missing argument is named.
    /// </summary>
    private static string Describe(ParseResult parsed, Command command)
    {
        if (UnknownOptions.Find(parsed) is { } unknown)
        {
            return UnknownOptions.Describe(unknown, command);
        }

        var errors = parsed.Errors.Select(e => e.Message).ToList();
        var message = errors.FirstOrDefault(m => !m.StartsWith("Required command was not provided", StringComparison.Ordinal)) ?? errors[0];
        if (message.StartsWith("Required argument missing", StringComparison.Ordinal) && command.Arguments.Count > 0)
        {
            var argument = command.Arguments[0];
            return $"missing {argument.Name}: {argument.Description}";
        }

        return message;
    }
}
