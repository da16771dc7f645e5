using System.CommandLine;
using System.Globalization;

using Monitor.Cli.Alerts;
using Monitor.Cli.Configuration;
using Monitor.Cli.Metrics;
using Monitor.Cli.Scheduling;
using Monitor.Core.Analysis;
using Monitor.Core.Analysis.Sites;
using Monitor.Core.Domain;
using Monitor.Core.Text;
using Monitor.Probing;
using Monitor.Reporting;
using Monitor.Rounds;
using Monitor.Storage;
using Monitor.Storage.Spool;

namespace Monitor.Cli.Commands;

/// <summary>
/// <c>monitor run --config FILE [--db DB] [--rounds N | --duration DUR] [--report DIR]</c>: the
/// embedded default. Scheduler and worker in one process (Hangfire on SQLite), every round kept in
/// the SQLite results database, spooled first so that nothing is lost.
/// </summary>
internal static class RunCommand
{
    private const string DefaultVantage = "local";
    private const string DefaultDatabase = "monitor.db";

    /// <summary>With a PostgreSQL database, the job storage and the spool are local files under this name.</summary>
    private const string LocalFiles = "monitor-run";

    /// <summary>How long a run's end waits for alerts still queued (e.g. an outage's end) to be delivered.</summary>
    private static readonly TimeSpan AlertPatience = TimeSpan.FromSeconds(5);

    public static Command Create(TimeProvider time)
    {
        var config = new Option<string>("--config") { Description = "Target set (YAML), e.g. probes/loopback-example.yaml", Required = true };
        var db = DbOption.Create(DefaultDatabase);
        var rounds = CliOptions.Integer("--rounds", "Stop after this many rounds", 1, int.MaxValue, "must be 1 or more");
        var duration = CliOptions.OptionalDuration("--duration", "Stop after this long (e.g. 10m, 1h)");
        var report = new Option<string?>("--report") { Description = "Write a report into this directory when the run ends" };
        var metrics = MetricsOption.Create();
        var command = new Command("run", "Probe a target set on a schedule into a database (scheduler and worker in one process)")
        {
            config, db, rounds, duration, report, metrics,
        };
        command.Validators.Add(r =>
        {
            if (r.GetResult(rounds) is { Implicit: false } && r.GetResult(duration) is { Implicit: false })
            {
                r.AddError("give --rounds or --duration, not both");
            }
        });
        command.SetAction((parse, cancellationToken) => RunAsync(
            time,
            parse.GetValue(config)!,
            DbOption.Resolve(parse, db, DefaultDatabase),
            (int?)parse.GetValue(rounds),
            parse.GetValue(duration),
            parse.GetValue(report),
            parse.GetValue(metrics),
            parse.InvocationConfiguration.Output,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        TimeProvider time, string configPath, string db, int? rounds, TimeSpan? duration, string? reportDirectory, MetricsEndpoint? metricsAt, TextWriter output, CancellationToken cancellationToken)
    {
        var config = ConfigLoader.Load(configPath);
        output = TextWriter.Synchronized(output); // alert delivery writes from its own task
        if (reportDirectory is not null)
        {
            // Refuse before probing, not after a run whose report could not be written.
            try
            {
                Directory.CreateDirectory(reportDirectory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new BadInputException($"--report: cannot create the directory '{reportDirectory}': {ex.Message}", ex);
            }
        }

        var cron = CronSchedule.For(config.Interval); // the config loader refused unaligned intervals
        var vantage = config.Vantage ?? new VantagePoint(DefaultVantage);
        // The job storage and the spool are SQLite and files beside a SQLite database; with PostgreSQL,
        // in the working directory (the results go to PostgreSQL all the same).
        var local = StoreOpener.IsPostgres(db) ? LocalFiles : db;
        var spool = RoundSpool.DirectoryFor(local);
        await using var store = await StoreOpener.OpenAsync(db, mustExist: false, time, cancellationToken).ConfigureAwait(false);
        using var recorder = new RoundRecorder(store, new RoundSpool(spool));
        await RegisterAsync(store, vantage, config.Targets, time, output, cancellationToken).ConfigureAwait(false);

        var flushed = await recorder.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (flushed.Written > 0)
        {
            output.WriteLine($"wrote {flushed.Written} round(s) left in the spool by an earlier run");
        }

        await using var prober = new DnsProber(time, new DnsProberOptions { DefaultTimeout = config.Timeout, ResolveEvery = config.ResolveEvery });
        await prober.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        var metrics = new MonitorMetrics();
        metrics.WatchSpool(() => recorder.Pending);
        using var metricsServer = MetricsServing.Start(metricsAt, metrics, output);
        var sites = SiteResolver.CreateDefault();
        await using var alerts = config.Alerts is { } alerting ? new AlertDispatcher(alerting, metrics, time, output.WriteLine) : null;
        var listener = new RoundListeners(new MetricsListener(metrics, sites), alerts is null ? null : new AlertListener(config.Alerts!, alerts.Send, sites));
        await using var runner = new RoundRunner(vantage.Id, config.Targets, prober, recorder, time, config.Burst, config.Interval, listener);
        var identityQueries = config.Targets.Max(t => 1 + (t.Query.Equals(DnsQuestion.IdServer) ? 0 : 1) + (t.Query.Equals(DnsQuestion.HostnameBind) ? 0 : 1));
        var scheduler = new EmbeddedScheduler(local + ".hangfire", runner, config.Interval, config.Timeout * identityQueries, time);

        var limit = rounds is { } n ? $"{n} round(s)" : duration is { } d ? DurationText.Format(d) : "until Ctrl-C";
        output.WriteLine(
            $"RUN {config.Targets.Count} target(s) from {config.Source} as vantage '{vantage.Id}', every {DurationText.Format(config.Interval)} " +
            $"(cron '{cron}', UTC), timeout {DurationText.Format(config.Timeout)}, {limit}, into {store.Description}");
        if (config.Alerts is { } alerted)
        {
            output.WriteLine($"alerts to {string.Join(", ", alerted.Receivers)}");
        }

        var answered = 0;
        var sealer = new ClosedDaySealer(store, time, output.WriteLine);
        var completed = await scheduler.RunAsync(
            rounds,
            duration,
            r =>
            {
                answered += r.Round.Answered;
                output.WriteLine(RoundLine(r));
                sealer.AfterRound();
            },
            (scheduled, now) => output.WriteLine($"{OutputWords.Utc(scheduled)}  round skipped: its job started {(now - scheduled).TotalSeconds:0.0}s late (a gap, not back-filled)"),
            notice => output.WriteLine(notice),
            cancellationToken).ConfigureAwait(false);

        await runner.DisposeAsync().ConfigureAwait(false);
        if (alerts is not null)
        {
            await alerts.StopAsync(AlertPatience).ConfigureAwait(false);
        }

        var final = await recorder.FlushBeforeExitAsync(TimeSpan.FromSeconds(30), time).ConfigureAwait(false);
        if (recorder.Held > 0)
        {
            output.WriteLine($"warning: {recorder.Held} round(s) held in memory could be written neither to {spool} nor to the database and are lost");
        }

        output.WriteLine(final.Error is null
            ? $"done: {completed} round(s), all stored"
            : $"done: {completed} round(s); {recorder.Pending} round(s) wait in {spool} for the database ({final.Error}); the next run writes them");

        await sealer.FinishAsync().ConfigureAwait(false);
        if (reportDirectory is not null)
        {
            var writer = new ReportWriter(store);
            var files = await writer.WriteRunSummaryAsync(store.Description, reportDirectory, CancellationToken.None).ConfigureAwait(false);
            var analysis = await StoredAnalysis.RunAsync(store, AnalysisWindow.All, targetId: null, SiteResolver.DefaultRules, CancellationToken.None, withSeries: true).ConfigureAwait(false);
            var full = await writer.WriteAsync(
                analysis,
                $"DNS latency report: {Path.GetFileName(configPath)}",
                [$"Configured interval {DurationText.Format(config.Interval)}, timeout {DurationText.Format(config.Timeout)}"],
                (analysis.AnyAnswer ? ReportFormats.All : ReportFormats.Csv | ReportFormats.Json) | ReportFormats.Measurements,
                time.GetUtcNow(),
                reportDirectory,
                _ => { },
                CancellationToken.None).ConfigureAwait(false);
            output.WriteLine($"report: {string.Join(", ", files.Concat(full))}");
        }

        return answered > 0 ? ExitCodes.Success : ExitCodes.NothingAnswered;
    }

    private static async Task RegisterAsync(IStoreCatalog store, VantagePoint vantage, IReadOnlyList<Target> targets, TimeProvider time, TextWriter output, CancellationToken cancellationToken)
    {
        try
        {
            await store.UpsertVantagePointAsync(vantage, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            await store.UpsertTargetsAsync([.. targets], time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RoundRecorder.IsUnavailable(ex))
        {
            // Measurements do not depend on these rows; rounds spool until the database is back.
            output.WriteLine($"warning: could not register vantage point and targets: {ex.Message}");
        }
    }

    private static string RoundLine(RoundReport r)
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{OutputWords.Utc(r.Round.Scheduled)}  {r.Round.Answered}/{r.Round.Probes} answered  median {OutputWords.Ms(r.MedianRttMs)} ms  started {r.Round.Lateness.TotalMilliseconds:+0;-0} ms after schedule");
        if (r.IdentityChanges.Count > 0)
        {
            line += "  changed: " + string.Join("; ", r.IdentityChanges.Select(c => $"{c.Target} {c.From} -> {c.To}"));
        }

        if (!r.Stored)
        {
            line += $"  (spooled, database unavailable: {r.StoreError}; {r.Pending} round(s) waiting)";
        }

        return line;
    }
}
