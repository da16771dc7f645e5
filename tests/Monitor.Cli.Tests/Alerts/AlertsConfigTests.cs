using Monitor.Cli.Configuration;

namespace Monitor.Cli.Tests.Alerts;

/// <summary>The <c>alerts:</c> block: parsing, secrets from the environment and files, and one-line errors (parsing only, nothing is sent).</summary>
public sealed class AlertsConfigTests : IDisposable
{
    // Lines 1–7; the alerts block starts on line 7. Rows append from line 8.
    private const string Head =
        "interval: 30s\n" +
        "targets:\n" +
        "  - id: t1\n" +
        "    provider: P\n" +
        "    address: 192.0.2.1\n" +
        "    kind: anycast\n" +
        "alerts:\n";

    private const string Receiver = "  receivers:\n    - url: http://127.0.0.1:9095/alerts\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("monitor-alerts-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string yaml)
    {
        var path = Path.Combine(_directory, "c.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Load_FullBlock_ReadsEveryKey()
    {
        Environment.SetEnvironmentVariable("MONITOR_TEST_HOOK", "s3cret");
        Environment.SetEnvironmentVariable("MONITOR_TEST_HOOK_PATH", "team-7");
        File.WriteAllText(Path.Combine(_directory, "token"), "from-file\n");
        var config = ConfigLoader.Load(Write(Head + """
              route_shifts: false
              queue: 10
              attempts: 2
              backoff: 250ms
              max_backoff: 2s
              receivers:
                - url: https://hooks.example/${MONITOR_TEST_HOOK_PATH}
                  name: ops
                  bearer_token_file: token
                  headers:
                    X-Api-Key: key-${MONITOR_TEST_HOOK}
                  timeout: 2s
                - url: http://127.0.0.1:9095/alerts
                  bearer_token: ${MONITOR_TEST_HOOK}
              thresholds:
                - target: t1
                  window: 10m
                  loss: 12.5%
                  latency_p50: 80ms
                  min_probes: 3
                - latency_p50: 200ms
            """)).Alerts!;

        Assert.Equal((false, true, 10, 2, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2)), (config.RouteShifts, config.Outages, config.QueueSize, config.Attempts, config.Backoff, config.MaxBackoff));
        var ops = config.Receivers[0];
        Assert.Equal(("ops", "https://hooks.example/team-7", TimeSpan.FromSeconds(2)), (ops.Name, ops.Url.ToString(), ops.Timeout));
        Assert.Equal(("Bearer from-file", "key-s3cret"), (ops.Headers["Authorization"], ops.Headers["x-api-key"]));
        Assert.Equal(("127.0.0.1:9095", "Bearer s3cret", TimeSpan.FromSeconds(5)), (config.Receivers[1].Name, config.Receivers[1].Headers["Authorization"], config.Receivers[1].Timeout));
        Assert.DoesNotContain("s3cret", config.Receivers[1].ToString(), StringComparison.Ordinal);
        Assert.Equal(new Monitor.Cli.Alerts.AlertThreshold("t1", TimeSpan.FromMinutes(10), 0.125, TimeSpan.FromMilliseconds(80), 3), config.Thresholds[0]);
        Assert.Equal(new Monitor.Cli.Alerts.AlertThreshold(null, TimeSpan.FromMinutes(5), null, TimeSpan.FromMilliseconds(200), 5), config.Thresholds[1]);
    }

    [Fact]
    public void Load_NoAlertsBlock_NoAlerts()
    {
        Assert.Null(ConfigLoader.Load(Write(Head.Replace("alerts:\n", string.Empty, StringComparison.Ordinal))).Alerts);
    }

    [Theory]
    [InlineData("  receivers: []\n", 8, "alerts.receivers", "the list is empty; give at least one receiver, or leave 'alerts' out")]
    [InlineData("  route_shifts: true\n", 8, "alerts.receivers", "missing; list the webhook URLs that get alerts under 'receivers'")]
    [InlineData(Receiver + "  retries: 3\n", 10, "alerts.retries", "unknown key; expected one of receivers, route_shifts, outages, thresholds, queue, attempts, backoff, max_backoff")]
    [InlineData("  receivers:\n    - url: ftp://127.0.0.1/x\n", 9, "alerts.receivers[0].url", "is not an http or https URL such as http://127.0.0.1:9095/alerts")]
    [InlineData("  receivers:\n    - url: http://127.0.0.1/${MONITOR_TEST_UNSET_VARIABLE}\n", 9, "alerts.receivers[0].url", "the environment variable MONITOR_TEST_UNSET_VARIABLE is not set (the value reads ${MONITOR_TEST_UNSET_VARIABLE})")]
    [InlineData(Receiver + "      bearer_token: a\n      bearer_token_file: b\n", 11, "alerts.receivers[0].bearer_token_file", "give bearer_token or bearer_token_file, not both")]
    [InlineData(Receiver + "      bearer_token_file: no-such-token\n", 10, "alerts.receivers[0].bearer_token_file", "cannot read 'no-such-token': ")]
    [InlineData(Receiver + "      headers:\n        Bad Header: x\n", 11, "alerts.receivers[0].headers.Bad Header", "'Bad Header' is not an HTTP header name (letters, digits and '-')")]
    [InlineData(Receiver + "      headers:\n        Content-Type: text/plain\n", 11, "alerts.receivers[0].headers.Content-Type", "'Content-Type' is set by Monitor and cannot be given")]
    [InlineData(Receiver + "      headers:\n        X-Key: {path: x}\n", 11, "alerts.receivers[0].headers.X-Key.path", "unknown key; expected one of file")]
    [InlineData(Receiver + "      timeout: 5m\n", 10, "alerts.receivers[0].timeout", "5m is not between 100ms and 1m")]
    [InlineData(Receiver + "    - url: http://127.0.0.1:9095/other\n", 10, "alerts.receivers[1]", "two receivers are named '127.0.0.1:9095'; give each its own 'name'")]
    [InlineData(Receiver + "  thresholds:\n    - window: 5m\n", 11, "alerts.thresholds[0]", "give loss (e.g. 20%), latency_p50 (e.g. 100ms) or both")]
    [InlineData(Receiver + "  thresholds:\n    - loss: 0.2\n", 11, "alerts.thresholds[0].loss", "'0.2' is not a percentage from 0% to 100%; write e.g. 'loss: 20%'")]
    [InlineData(Receiver + "  thresholds:\n    - loss: 120%\n", 11, "alerts.thresholds[0].loss", "'120%' is not a percentage from 0% to 100%; write e.g. 'loss: 20%'")]
    [InlineData(Receiver + "  thresholds:\n    - target: nosuch\n      loss: 5%\n", 11, "alerts.thresholds[0].target", "no target has id 'nosuch'; the targets are t1 (or \"*\" for all)")]
    [InlineData(Receiver + "  thresholds:\n    - latency_p50: fast\n", 11, "alerts.thresholds[0].latency_p50", "'fast' is not a duration; write e.g. 500ms, 2s, 5m or 1h")]
    [InlineData(Receiver + "  attempts: 0\n", 10, "alerts.attempts", "0 is out of range; expected tries per alert, 1 to 20")]
    [InlineData(Receiver + "  backoff: 10s\n  max_backoff: 1s\n", 11, "alerts.max_backoff", "max_backoff 1s is shorter than backoff 10s")]
    [InlineData(Receiver + "  outages: yes\n", 10, "alerts.outages", "'yes' is not a boolean; write true or false")]
    public void Load_BadBlock_OneErrorWithFileLineAndField(string rows, int line, string field, string problem)
    {
        var path = Write(Head + rows);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));

        Assert.Equal((line, field), (error.Line, error.Field));
        Assert.StartsWith($"{path}:{line}: {field}: {problem}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadAlertsBlock_ExitsTwoWithTheLine()
    {
        var path = Write(Head + "  receivers:\n    - url: nowhere\n");

        var run = await CliRun.InProcessAsync("run", "--config", path, "--db", Path.Combine(_directory, "x.db"), "--rounds", "1");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"monitor run: {path}:9: alerts.receivers[0].url: is not an http or https URL such as http://127.0.0.1:9095/alerts", Assert.Single(run.ErrorLines));
        Assert.False(File.Exists(Path.Combine(_directory, "x.db")));
    }
}
