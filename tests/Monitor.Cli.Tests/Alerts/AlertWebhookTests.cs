using System.Globalization;
using System.Net;

using Monitor.Testing;

namespace Monitor.Cli.Tests.Alerts;

/// <summary>
/// <c>monitor run</c> with an <c>alerts:</c> block against receivers on 127.0.0.1: one that works,
/// one that is down, one that is slow and one that answers 500. Alerts reach the working and the
/// slow one, the failing ones are retried and given up with a log line, and the rounds keep their pace.
/// </summary>
public sealed class AlertWebhookTests : IDisposable
{
    private const string TokenVariable = "MONITOR_TEST_ALERT_TOKEN";
    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-alerts-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_WithReceivers_AlertsOnOutageAndLossWithoutDelayingProbing()
    {
        var queries = 0;

        // Silent for its first four queries (one a round), then answering.
        await using var flaky = FakeDnsServer.Start(q => Interlocked.Increment(ref queries) <= 4 ? [] : [new FakeReply(DnsMessageBuilder.ResponseTo(q).Txt(q.Name, q.QClass, "ams1").Build())]);
        using var working = new WebhookReceiver();
        using var slow = new WebhookReceiver(delay: TimeSpan.FromSeconds(2));
        using var failing = new WebhookReceiver(HttpStatusCode.InternalServerError);
        var downPort = NsdServer.FreePort();
        File.WriteAllText(Path.Combine(_directory, "key"), "from-a-file\n");
        Environment.SetEnvironmentVariable(TokenVariable, "t0ken");
        var config = LoopbackTargets.Write(_directory, null, [("flaky", flaky.EndPoint.Port)], $$"""
            alerts:
              attempts: 3
              backoff: 200ms
              receivers:
                - url: {{working.Url}}
                  name: working
                  bearer_token: ${{{TokenVariable}}}
                  headers:
                    X-Key: {file: key}
                - url: {{slow.Url}}
                  name: slow
                - url: {{failing.Url}}
                  name: failing
                - url: http://127.0.0.1:{{downPort}}/hook
                  name: down
              thresholds:
                - target: flaky
                  window: 3s
                  loss: 50%
                  min_probes: 2
            """);

        var run = await CliRun.InProcessAsync("run", "--config", config, "--db", Path.Combine(_directory, "a.db"), "--rounds", "7");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        (string, string)[] expected = [("MonitorLossHigh", "firing"), ("MonitorOutage", "firing"), ("MonitorOutage", "resolved"), ("MonitorLossHigh", "resolved")];
        Assert.Equal(expected, working.Alerts);
        Assert.All(working.Received, r => Assert.Equal(("Bearer t0ken", "from-a-file"), (r.Authorization, r.Key)));

        // The slow receiver gets every alert, late; the failing one each three times, then gives up.
        Assert.Equal(expected, slow.Alerts);
        Assert.Equal(expected.SelectMany(e => Enumerable.Repeat(e, 3)), failing.Alerts);
        Assert.Equal(4, run.OutputLines.Count(l => l.StartsWith("alerts: gave up sending ", StringComparison.Ordinal) && l.Contains($" to failing ({failing.Url}) after 3 attempt(s): HTTP 500 Internal Server Error", StringComparison.Ordinal)));
        Assert.Equal(4, run.OutputLines.Count(l => l.StartsWith("alerts: gave up sending ", StringComparison.Ordinal) && l.Contains($" to down (http://127.0.0.1:{downPort}/hook) after 3 attempt(s): Connection refused", StringComparison.Ordinal)));
        Assert.Contains("alerts: gave up sending MonitorOutage firing (target flaky) to failing (" + failing.Url + ") after 3 attempt(s): HTTP 500 Internal Server Error", run.OutputLines);

        // Probing kept its pace: seven rounds one second apart, none skipped, the last four answered.
        var rounds = run.OutputLines.Where(l => l.Contains(" answered  median ", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, rounds.Count);
        var scheduled = rounds.Select(l => DateTimeOffset.Parse(l.Split(' ')[0], CultureInfo.InvariantCulture)).ToList();
        Assert.All(scheduled.Zip(scheduled.Skip(1)), p => Assert.Equal(TimeSpan.FromSeconds(1), p.Second - p.First));
        // A slot missed before the first round ran is the process starting on a loaded host, not the
        // alerts (none is sent before a round): after the first round, none may be skipped.
        var firstRound = Array.FindIndex(run.OutputLines, l => l.Contains(" answered  median ", StringComparison.Ordinal));
        Assert.DoesNotContain(run.OutputLines.Skip(firstRound), l => l.Contains("round skipped", StringComparison.Ordinal));
        Assert.Equal(["0/1", "0/1", "0/1", "0/1", "1/1", "1/1", "1/1"], rounds.Select(l => l.Split("  ")[1].Split(' ')[0]));
    }
}
