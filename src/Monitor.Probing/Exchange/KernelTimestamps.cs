using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Monitor.Probing.Exchange;

/// <summary>
/// The time at which the kernel took in a datagram, on Linux: the <c>SIOCGSTAMPNS</c> ioctl
/// (socket(7)) returns, on the system's realtime clock, the receive time of the last packet that a
/// socket handed to the user. That time does not move when the reading thread runs late, so an RTT
/// ending there leaves out the wait for a thread-pool thread. The first call on a socket switches
/// its stamps on and, before any packet was read, fails with <c>ENOENT</c>; so call
/// <see cref="Enable"/> before the packet can arrive and <see cref="LastReceived"/> after reading it
/// and before any other read. Anywhere else (another OS, a 32-bit process, a kernel or sandbox that
/// refuses the ioctl) <see cref="IsSupported"/> is false and nothing is called.
/// </summary>
internal static partial class KernelTimestamps
{
    private const nuint SiocGStampNs = 0x8907; // SIOCGSTAMPNS: struct timespec
    private const int ENoEnt = 2;

    // The kernel stamps incoming packets only while some socket on the host wants stamps (a
    // counted switch, net_enable_timestamp). The first socket to want them turns it on through
    // deferred work, so a reply arriving just after may go unstamped, and the last one to close
    // turns it off again: with one socket per probe that would flip a kernel-wide switch on every
    // probe at low rates. This socket wants stamps and stays open for the life of the process.
    private static readonly Socket? Keeper = OpenKeeper();

    /// <summary>How far the realtime clock's advance may differ from the monotonic one's over one exchange.</summary>
    internal static TimeSpan ClockAgreement { get; } = TimeSpan.FromMicroseconds(100);

    /// <summary>Whether kernel receive stamps can be read here.</summary>
    public static bool IsSupported => Keeper is not null;

    /// <summary>Asks for receive stamps on <paramref name="socket"/>; false when the kernel refuses.</summary>
    public static bool Enable(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return IsSupported && (Read(socket, out _) || Marshal.GetLastPInvokeError() == ENoEnt);
    }

    /// <summary>
    /// The kernel's receive time (UTC, on the realtime clock) of the last packet read from
    /// <paramref name="socket"/>, or null when there is none or the ioctl fails. When stamps were
    /// switched on only after that packet arrived, the kernel answers the time of this call instead:
    /// the caller must check the stamp against its own times (<see cref="RttFromStamp"/> does).
    /// </summary>
    public static DateTime? LastReceived(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!IsSupported || !Read(socket, out var stamp))
        {
            return null;
        }

        return DateTime.UnixEpoch.AddTicks((stamp.Seconds * TimeSpan.TicksPerSecond) + (stamp.Nanoseconds / TimeSpan.NanosecondsPerTick));
    }

    /// <summary>
    /// The RTT from the send to the kernel's receive stamp, or null when the stamp cannot be trusted.
    /// <paramref name="sentAt"/> and <paramref name="readAt"/> are realtime readings taken just after
    /// the monotonic ones that give <paramref name="userRtt"/>. The stamp must lie between them (one
    /// after the read is the kernel's "now" for an unstamped packet), and the realtime clock must have
    /// advanced as much as the monotonic one: NTP slews both alike, so a difference means the
    /// realtime clock was stepped, and then its stamp says nothing on the monotonic timeline.
    /// <paramref name="readingSlack"/> is how long the two readings of each pair were apart, measured
    /// by a second monotonic reading after the realtime one: a thread preempted between the readings
    /// of a loaded host moves them apart without any step, and that much more difference is allowed.
    /// </summary>
    public static TimeSpan? RttFromStamp(TimeSpan userRtt, DateTime sentAt, DateTime readAt, DateTime? stamp, TimeSpan readingSlack = default)
    {
        if (stamp is not { } at || at < sentAt || at > readAt)
        {
            return null;
        }

        return (readAt - sentAt - userRtt).Duration() <= ClockAgreement + readingSlack.Duration() ? at - sentAt : null;
    }

    private static bool Read(Socket socket, out Timespec stamp) =>
        IoctlTimespec((int)socket.Handle, SiocGStampNs, out stamp) == 0;

    private static Socket? OpenKeeper()
    {
        // struct timespec is two longs only where time_t and long are 64 bits.
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return null;
        }

        Socket? socket = null;
        try
        {
            socket = new Socket(Socket.OSSupportsIPv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
            if (Read(socket, out _) || Marshal.GetLastPInvokeError() == ENoEnt)
            {
                return socket;
            }
        }
        catch (Exception ex) when (ex is SocketException or DllNotFoundException or EntryPointNotFoundException)
        {
        }

        socket?.Dispose();
        return null;
    }

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int IoctlTimespec(int fd, nuint request, out Timespec stamp);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
