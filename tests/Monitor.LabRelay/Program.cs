using System.Globalization;

using Monitor.LabRelay;

// The lab's link emulator (tests/lab/lab.sh): the kernel here has no netem qdisc, so every lab link is
// a pair of TAP devices joined by this process, which delays or drops the Ethernet frames in between.
//
// Usage: Monitor.LabRelay CONTROL_DIR NAME:TAP_A:TAP_B ...
// Creates both TAP devices of each link in the current network namespace (lab.sh then moves them into
// the namespaces the link joins) and writes CONTROL_DIR/ready. CONTROL_DIR/NAME holds
// "DELAY_MS DROP": the one-way delay in each direction (milliseconds, may be fractional) and 1 to drop
// every frame (a silent link failure). The file is re-read every 50 ms.
if (args.Length < 2)
{
    await Console.Error.WriteLineAsync("usage: Monitor.LabRelay CONTROL_DIR NAME:TAP_A:TAP_B ...");
    return 2;
}

var controlDirectory = args[0];
var links = new List<RelayLink>();
foreach (var spec in args.Skip(1))
{
    var parts = spec.Split(':');
    if (parts.Length != 3)
    {
        await Console.Error.WriteLineAsync($"bad link '{spec}': NAME:TAP_A:TAP_B");
        return 2;
    }

    links.Add(new RelayLink(parts[0], Tap.Open(parts[1]), Tap.Open(parts[2]), Path.Combine(controlDirectory, parts[0])));
}

foreach (var link in links)
{
    link.Start();
}

await File.WriteAllTextAsync(Path.Combine(controlDirectory, "ready"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
try
{
    while (!stop.IsCancellationRequested)
    {
        foreach (var link in links)
        {
            link.ReadControl();
        }

        await Task.Delay(50, stop.Token);
    }
}
catch (OperationCanceledException)
{
}

return 0;
