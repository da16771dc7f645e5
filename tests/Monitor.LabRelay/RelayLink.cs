using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Monitor.LabRelay;

/// <summary>One lab link: frames read from either TAP device are written to the other after the delay, or dropped.</summary>
internal sealed class RelayLink(string name, int tapA, int tapB, string controlFile)
{
    private long _delayTicks;
    private volatile bool _drop;
    private string _control = "";

    public string Name { get; } = name;

    public void Start()
    {
        ReadControl();
        Direction(tapA, tapB, "a>b");
        Direction(tapB, tapA, "b>a");
    }

    /// <summary>Applies the control file when its content changed.</summary>
    public void ReadControl()
    {
        string text;
        try
        {
            text = File.ReadAllText(controlFile).Trim();
        }
        catch (IOException)
        {
            return;
        }

        if (text == _control)
        {
            return;
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 1 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            Interlocked.Exchange(ref _delayTicks, (long)(ms * Stopwatch.Frequency / 1000));
            _drop = parts.Length >= 2 && parts[1] == "1";
            _control = text;
        }
    }

    private void Direction(int from, int to, string label)
    {
        var queue = new BlockingCollection<(long Due, byte[] Frame, int Length)>();
        var reader = new Thread(() =>
        {
            while (true)
            {
                var buffer = new byte[65536];
                var n = Tap.Read(from, buffer);
                if (n <= 0)
                {
                    Thread.Sleep(10);
                    continue;
                }

                if (!_drop)
                {
                    queue.Add((Stopwatch.GetTimestamp() + Interlocked.Read(ref _delayTicks), buffer, n));
                }
            }
        })
        { IsBackground = true, Name = $"{Name} {label} read" };
        var writer = new Thread(() =>
        {
            foreach (var (due, frame, length) in queue.GetConsumingEnumerable())
            {
                // Millisecond sleeps (the kernel adds ~0.1 ms): the relay's jitter, and no spinning.
                long wait;
                while ((wait = due - Stopwatch.GetTimestamp()) > 0)
                {
                    Thread.Sleep((int)Math.Max(1, Math.Ceiling(wait * 1000.0 / Stopwatch.Frequency)));
                }

                if (!_drop)
                {
                    Tap.Write(to, frame, length);
                }
            }
        })
        { IsBackground = true, Name = $"{Name} {label} write", Priority = ThreadPriority.AboveNormal };
        reader.Start();
        writer.Start();
    }
}
