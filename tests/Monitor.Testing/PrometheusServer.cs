using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Monitor.Testing;

/// <summary>
/// A real Prometheus (Debian package <c>prometheus</c>) in a temporary directory: it listens on
/// 127.0.0.1 only and scrapes only the loopback targets it is given, every second; stopped and its
/// directory deleted on dispose.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    /// <summary>The Prometheus program.</summary>
    public const string PrometheusPath = "/usr/bin/prometheus";

    /// <summary>Its checking tool.</summary>
    public const string PromtoolPath = "/usr/bin/promtool";

    private readonly string _directory;
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private PrometheusServer(string directory, Process process, int port)
    {
        _directory = directory;
        _process = process;
        Port = port;
    }

    /// <summary>The HTTP port on 127.0.0.1 (UI and API).</summary>
    public int Port { get; }

    /// <summary>Starts Prometheus scraping <paramref name="targets"/> (host:port on loopback) as job <c>monitor</c>, with <paramref name="ruleFiles"/> loaded.</summary>
    public static PrometheusServer Start(IReadOnlyList<string> targets, IReadOnlyList<string> ruleFiles)
    {
        Requires.Executable(PrometheusPath, "prometheus");
        foreach (var target in targets)
        {
            var host = target[..target.LastIndexOf(':')].Trim('[', ']');
            if (!IPAddress.TryParse(host, out var address) || !IPAddress.IsLoopback(address))
            {
                throw new ArgumentException($"Prometheus in tests scrapes loopback only, not '{target}'.", nameof(targets));
            }
        }

        var directory = Directory.CreateTempSubdirectory("monitor-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 900ms
              evaluation_interval: 1s
            rule_files: [{string.Join(", ", ruleFiles.Select(f => $"'{f}'"))}]
            scrape_configs:
              - job_name: monitor
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
            """);
        for (var attempt = 0; ; attempt++)
        {
            var port = NsdServer.FreePort();
            var start = new ProcessStartInfo(
                PrometheusPath,
                [
                    $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}",
                    "--storage.tsdb.retention.time=1h", "--log.level=warn",
                ])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var process = ServerProcess.Start(start);
            if (ServerProcess.WaitUntilListening(process, TimeSpan.FromSeconds(20), [IPAddress.Loopback], port))
            {
                var server = new PrometheusServer(directory, process, port);
                if (server.WaitUntilReady(TimeSpan.FromSeconds(30)))
                {
                    return server;
                }

                server._http.Dispose();
            }

            ServerProcess.Stop(process);
            if (attempt == 2)
            {
                ServerProcess.StopAndDelete(process, directory);
                throw new InvalidOperationException("Prometheus did not start listening on 127.0.0.1");
            }
        }
    }

    /// <summary>
    /// Polls <c>/-/ready</c> until it answers 200: Prometheus listens before it has opened its TSDB and answers
    /// <c>503 Service Unavailable</c> (plain text) to API queries until then.
    /// </summary>
    private bool WaitUntilReady(TimeSpan wait)
    {
        var until = DateTime.UtcNow + wait;
        var url = new Uri($"http://127.0.0.1:{Port}/-/ready");
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var response = _http.GetAsync(url).GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not accepting yet: poll again.
            }

            Thread.Sleep(100);
        }

        return false;
    }

    /// <summary>An instant query through the HTTP API (<c>/api/v1/query</c>): the <c>data.result</c> array; fails the test on an API error.</summary>
    public async Task<JsonElement> QueryAsync(string promql, CancellationToken cancellationToken)
    {
        var url = new Uri($"http://127.0.0.1:{Port}/api/v1/query?query={Uri.EscapeDataString(promql)}");
        using var response = await _http.GetAsync(url, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        Assert.True(
            response.Content.Headers.ContentType?.MediaType == "application/json",
            $"query {promql}: HTTP {(int)response.StatusCode}, {response.Content.Headers.ContentType}: {text}");
        using var json = JsonDocument.Parse(text);
        Assert.True(json.RootElement.GetProperty("status").GetString() == "success", $"query {promql}: {text}");
        return json.RootElement.GetProperty("data").GetProperty("result").Clone();
    }

    /// <summary>A GET of an API path such as <c>/api/v1/rules</c>, parsed.</summary>
    public async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        var text = await _http.GetStringAsync(new Uri($"http://127.0.0.1:{Port}{path}"), cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    /// <summary>Polls <paramref name="promql"/> until it returns a series or <paramref name="wait"/> runs out; returns the last result.</summary>
    public async Task<JsonElement> WaitForSeriesAsync(string promql, TimeSpan wait, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + wait;
        while (true)
        {
            var result = await QueryAsync(promql, cancellationToken).ConfigureAwait(false);
            if (result.GetArrayLength() > 0 || DateTime.UtcNow > until)
            {
                return result;
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <c>promtool</c> with <paramref name="arguments"/> (and <paramref name="input"/> on its standard input); its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> PromtoolAsync(string? input, CancellationToken cancellationToken, params string[] arguments)
    {
        Requires.Executable(PromtoolPath, "prometheus");
        var start = new ProcessStartInfo(PromtoolPath, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        process.StandardInput.Close();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        return (process.ExitCode, (await output.ConfigureAwait(false)) + (await error.ConfigureAwait(false)));
    }

    /// <summary>Stops Prometheus and deletes its directory.</summary>
    public void Dispose()
    {
        _http.Dispose();
        ServerProcess.StopAndDelete(_process, _directory);
    }
}
