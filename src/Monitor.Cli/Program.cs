using Monitor.Cli;
using Monitor.Storage;

// The read-only batch commands run SQLite without its per-connection mutexes (SqliteThreading): set before
// any connection opens, and only here, so that processes that also host Hangfire's storage, or tests that run
// commands in-process, keep the library's serialized default.
if (args is ["analyze" or "report", ..])
{
    SqliteThreading.UseMultiThread();
}

return await MonitorApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
