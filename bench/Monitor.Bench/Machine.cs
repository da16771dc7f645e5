using System.Runtime.InteropServices;

namespace Monitor.Bench;

/// <summary>Facts about the machine a figure was taken on.</summary>
internal static class Machine
{
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    public static IEnumerable<string> Facts()
    {
        yield return $"OS: {RuntimeInformation.OSDescription}, {RuntimeInformation.OSArchitecture}";
        yield return $"CPU: {CpuModel()}, {Environment.ProcessorCount} logical cores (shared with other builds while measuring)";
        yield return $"Memory: {MemTotal()}";
        yield return $".NET: {RuntimeInformation.FrameworkDescription}";
        yield return $"Load average at the end: {LoadAverage()}";
    }

    /// <summary>A /proc/PID/status field in kB (VmRSS, VmHWM), or -1 when the process is gone.</summary>
    public static long StatusKilobytes(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(field.Length + 1).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return -1;
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string MemTotal()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal));
            return line.Split(':', 2)[1].Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
