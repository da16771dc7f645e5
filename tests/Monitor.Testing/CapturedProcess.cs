using System.Diagnostics;
using System.Text;

namespace Monitor.Testing;

/// <summary>Starts a process whose standard output and error (prefixed <c>stderr: </c>) are collected into one buffer as they arrive.</summary>
public static class CapturedProcess
{
    /// <summary>Starts <paramref name="start"/> (which must redirect both streams) and collects its output; lock the buffer to read it while the process runs.</summary>
    public static (Process Process, StringBuilder Output) Start(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        var output = new StringBuilder();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine("stderr: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }
}
