using System.Diagnostics;

namespace Monitor.Reporting.Tests.Html;

/// <summary>
/// Headless Debian Chromium (<c>/usr/bin/chromium</c>, installed by tests/test.sh) loading a local file.
/// It may reach nothing: every host name resolves to nothing and every proxied request goes to a closed
/// loopback port; the report's own Content-Security-Policy forbids any fetch besides. Missing on a
/// developer's machine the tests skip; under CI (<c>CI=true</c>) a missing browser fails them.
/// </summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>Skips (or fails under CI) when the browser is not installed.</summary>
    public static void Require()
    {
        if (File.Exists(Path))
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{Path} is missing (tests/test.sh installs the Debian package chromium)");
        }

        Assert.Skip($"{Path} is missing (apt-get install chromium)");
    }

    /// <summary>Loads the file; returns the DOM after its scripts ran and the browser's console lines.</summary>
    public static async Task<(string Dom, IReadOnlyList<string> Console)> DumpDomAsync(string file, CancellationToken cancellationToken) =>
        await RunAsync(file, "--dump-dom", cancellationToken);

    /// <summary>Loads the file and saves a screenshot of its first <paramref name="height"/> pixels.</summary>
    public static async Task<IReadOnlyList<string>> ScreenshotAsync(string file, string png, int height, CancellationToken cancellationToken) =>
        (await RunAsync(file, $"--screenshot={png}", cancellationToken, $"--window-size=1200,{height}")).Console;

    private static async Task<(string Dom, IReadOnlyList<string> Console)> RunAsync(string file, string action, CancellationToken cancellationToken, string? extra = null)
    {
        var profile = Directory.CreateTempSubdirectory("monitor-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(Path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
                "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                "--enable-logging=stderr", "--v=0", $"--user-data-dir={profile}", "--virtual-time-budget=5000",
            })
            {
                start.ArgumentList.Add(arg);
            }

            if (extra is not null)
            {
                start.ArgumentList.Add(extra);
            }

            start.ArgumentList.Add(action);
            start.ArgumentList.Add(new Uri(System.IO.Path.GetFullPath(file)).AbsoluteUri);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var console = (await stderr).Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
            return (await stdout, console);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
