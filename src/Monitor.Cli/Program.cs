using Monitor.Cli;

return await MonitorApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
