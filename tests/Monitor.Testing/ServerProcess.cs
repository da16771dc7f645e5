using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Monitor.Testing;

/// <summary>What the real servers on loopback (NSD, Unbound) share: start in the foreground, wait until listening, stop, clean up.</summary>
internal static class ServerProcess
{
    /// <summary>Starts <paramref name="start"/> with its output read and dropped (so a full pipe never blocks it).</summary>
    public static Process Start(ProcessStartInfo start)
    {
        var process = Process.Start(start)!;
        if (start.RedirectStandardOutput)
        {
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
        }

        if (start.RedirectStandardError)
        {
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
        }

        return process;
    }

    /// <summary>True once every port accepts TCP on 127.0.0.1 and ::1; false when the process ends or the wait runs out.</summary>
    public static bool WaitUntilListening(Process process, TimeSpan wait, params int[] ports) =>
        WaitUntilListening(process, wait, [IPAddress.Loopback, IPAddress.IPv6Loopback], ports);

    /// <summary>True once every port accepts TCP on every address; false when the process ends or the wait runs out.</summary>
    public static bool WaitUntilListening(Process process, TimeSpan wait, IReadOnlyList<IPAddress> addresses, params int[] ports)
    {
        var deadline = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                foreach (var port in ports)
                {
                    foreach (var address in addresses)
                    {
                        using var tcp = new TcpClient(address.AddressFamily);
                        tcp.Connect(address, port);
                    }
                }

                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        return false;
    }

    /// <summary>Kills the process (and its children) and waits for it.</summary>
    public static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
    }

    /// <summary>Stops and disposes the process, then deletes its directory.</summary>
    public static void StopAndDelete(Process process, string directory)
    {
        Stop(process);
        process.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The text of <paramref name="log"/>, or a note that there is none.</summary>
    public static string ReadLog(string log) => File.Exists(log) ? File.ReadAllText(log) : "(no log)";
}
