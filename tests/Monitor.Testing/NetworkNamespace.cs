using System.Diagnostics;
using System.Globalization;

namespace Monitor.Testing;

/// <summary>
/// A network namespace the test creates (iproute2), with its loopback up: a host of its own whose
/// 127.0.0.1 is not the machine's. Removed on dispose; touches nothing else.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private const string Ip = "/usr/sbin/ip";

    private NetworkNamespace(string name) => Name = name;

    /// <summary>The namespace's name.</summary>
    public string Name { get; }

    /// <summary>Creates a namespace; skips (or fails under CI) without ip or root.</summary>
    public static NetworkNamespace Create(string label)
    {
        Requires.Executable(Ip, "iproute2");
        if (Environment.UserName != "root")
        {
            const string message = "network namespaces need root";
            if (Requires.InCi)
            {
                Assert.Fail(message);
            }

            Assert.Skip(message);
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"mon-{label}-{Environment.ProcessId}");
        Run("netns", "add", name);
        Run("-n", name, "link", "set", "lo", "up");
        return new NetworkNamespace(name);
    }

    /// <summary>A start description that runs <paramref name="file"/> inside the namespace.</summary>
    public ProcessStartInfo StartInfo(string file, params string[] args)
    {
        var start = new ProcessStartInfo(Ip) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["netns", "exec", Name, file, .. args])
        {
            start.ArgumentList.Add(a);
        }

        return start;
    }

    public void Dispose()
    {
        try
        {
            Run("netns", "pids", Name);
            Run("netns", "del", Name);
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static void Run(params string[] args)
    {
        var start = new ProcessStartInfo(Ip) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)}: {error}");
        }
    }
}
