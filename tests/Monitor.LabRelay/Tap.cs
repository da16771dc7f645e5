using System.Runtime.InteropServices;

namespace Monitor.LabRelay;

/// <summary>A TAP device (Ethernet frames, no packet information header) opened through /dev/net/tun.</summary>
internal static partial class Tap
{
    private const int OpenReadWrite = 2;
    private const uint TunSetIff = 0x400454ca;
    private const short IffTap = 0x0002;
    private const short IffNoPi = 0x1000;

    /// <summary>Creates (or attaches to) the TAP device <paramref name="name"/> and returns its file descriptor.</summary>
    public static unsafe int Open(string name)
    {
        var fd = OpenFile("/dev/net/tun", OpenReadWrite);
        if (fd < 0)
        {
            throw new IOException($"open /dev/net/tun: errno {Marshal.GetLastPInvokeError()}");
        }

        var request = stackalloc byte[40];
        new Span<byte>(request, 40).Clear();
        var bytes = System.Text.Encoding.ASCII.GetBytes(name);
        if (bytes.Length > 15)
        {
            throw new ArgumentException($"interface name '{name}' is longer than 15 characters", nameof(name));
        }

        bytes.CopyTo(new Span<byte>(request, 16));
        *(short*)(request + 16) = IffTap | IffNoPi;
        if (IoControl(fd, TunSetIff, request) < 0)
        {
            throw new IOException($"TUNSETIFF {name}: errno {Marshal.GetLastPInvokeError()}");
        }

        return fd;
    }

    /// <summary>Reads one frame; returns its length, or a negative number on error.</summary>
    public static unsafe int Read(int fd, byte[] buffer)
    {
        fixed (byte* p = buffer)
        {
            return (int)ReadFile(fd, p, buffer.Length);
        }
    }

    /// <summary>Writes one frame.</summary>
    public static unsafe void Write(int fd, byte[] frame, int length)
    {
        fixed (byte* p = frame)
        {
            _ = WriteFile(fd, p, length);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenFile(string path, int flags);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static unsafe partial int IoControl(int fd, uint request, byte* argument);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint ReadFile(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteFile(int fd, byte* buffer, nint count);
}
