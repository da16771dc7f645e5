using System.CommandLine;

using Hangfire;

using Monitor.Cli.Configuration;
using Monitor.Cli.Distributed;
using Monitor.Cli.Scheduling;
using Monitor.Core.Domain;
using Monitor.Core.Text;
using Monitor.Rounds;
using Monitor.Storage;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>monitor server --db CONN --config FILE</c>: publishes the target set and schedule, and at each
/// scheduled instant enqueues one round per live worker on that worker's queue (Hangfire).
/// </summary>
internal static class ServerCommand
{
    public const string ServerQueue = "monitor-server";
    public const string ScheduleId = "default";

    public static Command Create(TimeProvider time)
    {
        var db = DbOption.Create();
        var config = new Option<string>("--config") { Description = "Target set (YAML)", Required = true };
        var duration = CliOptions.OptionalDuration("--duration", "Stop after this long (default: until Ctrl-C)");
        var command = new Command("server", "Schedule rounds for workers at many vantage points (Hangfire queues per vantage point)") { db, config, duration };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var c = ConfigLoader.Load(parse.GetValue(config)!);

            var cron = CronSchedule.For(c.Interval); // the config loader refused unaligned intervals
            var connection = DbOption.Resolve(parse, db);
            var output = parse.InvocationConfiguration.Output;
            await using var store = await StoreOpener.OpenAsync(connection, mustExist: false, time, cancellationToken).ConfigureAwait(false);
            await store.PublishScheduleAsync(ScheduleId, new Schedule(c.Interval, c.Timeout) { Burst = c.Burst }, [.. c.Targets], time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            var storage = JobStorageFactory.Create(connection);
            var client = new BackgroundJobClient(storage);
            var dispatch = new DispatchJob(store, client, c.Interval, time, line => output.WriteLine(line));
            var manager = new RecurringJobManager(storage);
            output.WriteLine($"SERVER {c.Targets.Count} target(s) from {c.Source}, every {DurationText.Format(c.Interval)} (cron '{cron}', UTC), into {store.Description}");
            if (c.Alerts is not null)
            {
                // The server sees no measurement; workers' metrics and the Prometheus rules alert instead.
                output.WriteLine("warning: 'alerts' is read by 'monitor run' only; at scale, alert from the workers' --metrics with probes/deploy/monitor-alerts.yml");
            }
            using (var server = new BackgroundJobServer(
                new BackgroundJobServerOptions
                {
                    ServerName = $"monitor-server-{Environment.ProcessId}",
                    Queues = [ServerQueue],
                    WorkerCount = 1,
                    SchedulePollingInterval = JobStorageFactory.PollInterval,
                    Activator = new InstanceActivator(dispatch),
                },
                storage))
            {
                manager.AddOrUpdate<DispatchJob>(
                    "dispatch",
                    ServerQueue,
                    j => j.ExecuteAsync(null),
                    cron,
                    new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Ignorable });
                // The workers' closed UTC days are sealed here, once a day (checked every 10 minutes).
                var sealer = new ClosedDaySealer(store, time, line => output.WriteLine(line));
                using (time.CreateTimer(_ => sealer.AfterRound(), null, TimeSpan.Zero, TimeSpan.FromMinutes(10)))
                {
                    await WaitAsync(parse.GetValue(duration), time, cancellationToken).ConfigureAwait(false);
                }

                server.SendStop();
            }

            output.WriteLine("server stopped");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Waits for the duration or for Ctrl-C, whichever is first.</summary>
    public static async Task WaitAsync(TimeSpan? duration, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(duration ?? Timeout.InfiniteTimeSpan, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
