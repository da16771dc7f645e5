using System.CommandLine;

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
        var parsed = root.Parse(args);
        var command = parsed.CommandResult.Command;
        var path = CommandPath(parsed.CommandResult);
        if (parsed.Errors.Count > 0)
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
        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is BadInputException or ConfigException)
        {
            // A configuration error already names file, line and field.
            await error.WriteLineAsync($"{path}: {ex.Message}").ConfigureAwait(false);
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

    /// <summary>The one error worth a line: an unknown word beats "no command given"; a missing argument is named.</summary>
    private static string Describe(ParseResult parsed, Command command)
    {
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
