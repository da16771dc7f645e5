using System.CommandLine;
using System.Globalization;

using Hangfire;

using Monitor.Cli.Distributed;
using Monitor.Core.Domain;
using Monitor.Probing;
using Monitor.Rounds;
using Monitor.Storage;
using Monitor.Storage.Spool;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>monitor worker --db CONN --vantage ID [--city --country --latitude --longitude --asn] [--concurrency N]</c>:
/// registers its vantage point, sends heartbeats, consumes only its own queue, probes and writes.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(TimeProvider time)
    {
        var db = DbOption.Create();
        var vantage = new Option<string>("--vantage") { Description = "This vantage point's id (^[a-z0-9_-]+$); it names the worker's queue", Required = true };
        vantage.Validators.Add(r =>
        {
            if (!VantagePoint.IsValidId(r.GetValueOrDefault<string>()))
            {
                r.AddError($"--vantage: '{r.GetValueOrDefault<string>()}' must match ^[a-z0-9_-]+$");
            }
        });
        // The location: a value left out, or given empty (systemd's ${VAR} when the environment file
        // does not set it), keeps what the database has; a worker never erases its stored place.
        const string Keep = "; not given or empty: the stored value is kept";
        var city = CliOptions.OptionalText("--city", "This vantage point's city" + Keep);
        var country = CliOptions.OptionalText("--country", "Its country (ISO 3166-1 alpha-2)" + Keep);
        var latitude = CliOptions.Number("--latitude", "Its latitude in degrees" + Keep, -90, 90, "must be -90 to 90", emptyIsAbsent: true);
        var longitude = CliOptions.Number("--longitude", "Its longitude in degrees" + Keep, -180, 180, "must be -180 to 180", emptyIsAbsent: true);
        var asn = CliOptions.Integer("--asn", "Its autonomous system number" + Keep, 1, uint.MaxValue, "must be an AS number, 1 to 4294967295", emptyIsAbsent: true);
        var concurrency = CliOptions.Integer("--concurrency", "Rounds at once", 1, 64, "must be 1 to 64", defaultValue: 1);
        var spool = new Option<string?>("--spool") { Description = "Spool directory for rounds the database has not taken yet (default ./monitor-VANTAGE.spool)" };
        var duration = CliOptions.OptionalDuration("--duration", "Stop after this long (default: until Ctrl-C)");
        var command = new Command("worker", "Probe from one vantage point: consume its queue, write results, keep going through database outages")
        {
            db, vantage, city, country, latitude, longitude, asn, concurrency, spool, duration,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var connection = DbOption.Resolve(parse, db);
            var vp = new VantagePoint(parse.GetValue(vantage)!)
            {
                City = CliOptions.Given(parse.GetValue(city)),
                Country = CliOptions.Given(parse.GetValue(country)),
                Latitude = CliOptions.Given(parse.GetValue(latitude)),
                Longitude = CliOptions.Given(parse.GetValue(longitude)),
                Asn = CliOptions.Given(parse.GetValue(asn)),
            };
            var output = parse.InvocationConfiguration.Output;
            await using var store = await StoreOpener.OpenAsync(connection, mustExist: false, time, cancellationToken).ConfigureAwait(false);
            await store.UpsertVantagePointAsync(vp, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            var offset = await store.HeartbeatAsync(vp.Id, time, cancellationToken).ConfigureAwait(false);
            using var recorder = new RoundRecorder(store, new RoundSpool(parse.GetValue(spool) ?? $"monitor-{vp.Id}.spool"));
            await using var prober = new DnsProber(time);
            await prober.WarmUpAsync(cancellationToken).ConfigureAwait(false);
            var worker = new Worker(vp, store, recorder, prober, time, output, ServerCommand.ScheduleId);
            if (!await worker.RefreshAsync(cancellationToken).ConfigureAwait(false))
            {
                output.WriteLine("no schedule published yet: waiting for 'monitor server'");
            }

            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"WORKER '{vp.Id}' on queue '{vp.Id}', {parse.GetValue(concurrency)!.Value} at once, clock offset from the database {offset.TotalMilliseconds:0.0} ms, into {store.Description}"));
            if (offset.Duration() > TimeSpan.FromSeconds(1))
            {
                output.WriteLine($"warning: this machine's clock is {offset.TotalSeconds:0.0}s off the database server's: fix NTP; measurement times carry this machine's UTC");
            }

            var storage = JobStorageFactory.Create(connection);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var loops = Task.WhenAll(worker.HeartbeatLoopAsync(stop.Token), worker.FallbackLoopAsync(stop.Token));
            using (var server = new BackgroundJobServer(
                new BackgroundJobServerOptions
                {
                    ServerName = $"monitor-worker-{vp.Id}-{Environment.ProcessId}",
                    Queues = [vp.Id],
                    WorkerCount = (int)parse.GetValue(concurrency)!.Value,
                    SchedulePollingInterval = JobStorageFactory.PollInterval,
                    Activator = new InstanceActivator(new WorkerRoundJob(worker)),
                    ShutdownTimeout = TimeSpan.FromSeconds(30),
                },
                storage))
            {
                await ServerCommand.WaitAsync(parse.GetValue(duration), time, cancellationToken).ConfigureAwait(false);
                server.SendStop();
            }

            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await loops.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await worker.DisposeAsync().ConfigureAwait(false);
            var flush = await recorder.FlushBeforeExitAsync(TimeSpan.FromSeconds(30), time).ConfigureAwait(false);
            if (recorder.Held > 0)
            {
                output.WriteLine($"warning: {recorder.Held} round(s) held in memory could be written neither to the spool nor to the database and are lost");
            }

            output.WriteLine(flush.Error is null
                ? $"worker stopped after {worker.Rounds} round(s), all stored"
                : $"worker stopped after {worker.Rounds} round(s); {recorder.Pending} wait in the spool ({flush.Error}); the next start writes them");
            return ExitCodes.Success;
        });
        return command;
    }
}
