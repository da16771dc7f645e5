using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

using Monitor.Probing.Exchange;

namespace Monitor.Bench;

/// <summary>
/// The known-delay truth: a UDP responder on 127.0.0.1 that answers every query exactly
/// <see cref="Delay"/> after it received it (the query echoed with QR set). Received means when the
/// kernel took the query in (its receive stamp, where Linux gives one), not when the receiving thread
/// woke to read it: that wake-up is the responder's, not the prober's. One thread receives and
/// timestamps; one thread holds each answer (sleeping until about a millisecond before it is due,
/// then spinning) and sends it. The responder measures its own hold, receipt to send, so its own
/// error is known and can be told apart from the prober's.
/// </summary>
internal sealed class DelayResponder : IDisposable
{
    private const int MaxHolds = 4_000_000;
    private readonly Socket _socket;
    private readonly BlockingCollection<Pending> _queue = new(new ConcurrentQueue<Pending>());
    private readonly long _delayTicks;
    private readonly long[] _holds = new long[MaxHolds];
    private readonly Thread _receiver;
    private readonly Thread _sender;
    private int _holdCount;
    private volatile bool _stopped;

    public DelayResponder(TimeSpan delay)
    {
        Delay = delay;
        _delayTicks = (long)(delay.TotalSeconds * Stopwatch.Frequency);
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20, SendBufferSize = 4 << 20 };
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        KernelTimestamps.Enable(_socket);
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _receiver = new Thread(Receive) { IsBackground = true, Name = "delay-receive", Priority = ThreadPriority.Highest };
        _sender = new Thread(Send) { IsBackground = true, Name = "delay-send", Priority = ThreadPriority.Highest };
        _receiver.Start();
        _sender.Start();
    }

    public TimeSpan Delay { get; }

    public IPEndPoint EndPoint { get; }

    /// <summary>Forgets the holds measured so far (between phases).</summary>
    public void ResetHolds() => Interlocked.Exchange(ref _holdCount, 0);

    /// <summary>The holds (receive to send) measured since the last reset, in microseconds.</summary>
    public double[] HoldsMicroseconds()
    {
        var n = Math.Min(Volatile.Read(ref _holdCount), MaxHolds);
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = _holds[i] * 1e6 / Stopwatch.Frequency;
        }

        return result;
    }

    public void Dispose()
    {
        _stopped = true;
        _queue.CompleteAdding();
        _socket.Dispose();
        _sender.Join(2000);
        _receiver.Join(2000);
        _queue.Dispose();
    }

    private void Receive()
    {
        var buffer = new byte[65535];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        while (!_stopped)
        {
            int n;
            try
            {
                n = _socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException)
            {
                if (_stopped)
                {
                    return;
                }

                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var received = ArrivalTimestamp();
            if (n < 12)
            {
                continue;
            }

            var answer = buffer.AsSpan(0, n).ToArray();
            answer[2] |= 0x80; // QR: a response, echoing the question (and OPT) unchanged
            answer[3] &= 0xF0; // RCODE NOERROR
            try
            {
                _queue.Add(new Pending(received, answer, from));
            }
            catch (InvalidOperationException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// When the query just read arrived, on the <see cref="Stopwatch"/> timeline: the kernel's receive
    /// stamp moved back from now by its age, or now when there is no stamp to trust.
    /// </summary>
    private long ArrivalTimestamp()
    {
        var now = Stopwatch.GetTimestamp();
        var readAt = DateTime.UtcNow;
        if (KernelTimestamps.LastReceived(_socket) is { } stamp && stamp <= readAt && readAt - stamp < TimeSpan.FromSeconds(1))
        {
            return now - (long)((readAt - stamp).TotalSeconds * Stopwatch.Frequency);
        }

        return now;
    }

    private void Send()
    {
        foreach (var pending in _queue.GetConsumingEnumerable())
        {
            var due = pending.Received + _delayTicks;
            var remaining = due - Stopwatch.GetTimestamp();
            var sleepMs = (int)(remaining * 1000 / Stopwatch.Frequency) - 1;
            if (sleepMs > 0)
            {
                Thread.Sleep(sleepMs);
            }

            while (Stopwatch.GetTimestamp() < due)
            {
                Thread.SpinWait(20);
            }

            try
            {
                _socket.SendTo(pending.Answer, pending.From);
            }
            catch (SocketException)
            {
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var sent = Stopwatch.GetTimestamp();
            var slot = Interlocked.Increment(ref _holdCount) - 1;
            if (slot < MaxHolds)
            {
                _holds[slot] = sent - pending.Received;
            }
        }
    }

    private sealed record Pending(long Received, byte[] Answer, EndPoint From);
}
