using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Monitor.Testing.Lab;

/// <summary>
/// Sockets that live in another network namespace: a fresh thread enters the namespace (setns) and
/// creates the socket there; the socket stays in that namespace wherever it is used afterwards.
/// </summary>
internal static partial class NamespaceSocket
{
    private const int CloneNewNet = 0x40000000;

    /// <summary>Creates a UDP socket inside the named namespace (<c>/run/netns/NAME</c>).</summary>
    public static Socket CreateUdp(string netns, AddressFamily family)
    {
        Socket? socket = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle(Path.Combine("/run/netns", netns));
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new IOException($"setns {netns}: errno {Marshal.GetLastPInvokeError()}");
                }

                socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new IOException($"no socket in namespace {netns}", error);
    }

    /// <summary>
    /// Sends <c>id.server CH TXT</c> from inside <paramref name="netns"/> to <paramref name="server"/>:53 and
    /// returns the first TXT string of the answer, or null when nothing answered within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<string?> QueryIdServerAsync(string netns, IPAddress server, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var socket = CreateUdp(netns, server.AddressFamily);
        var id = (ushort)Random.Shared.Next(ushort.MaxValue);
        byte[] query =
        [
            (byte)(id >> 8), (byte)id, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
            2, (byte)'i', (byte)'d', 6, (byte)'s', (byte)'e', (byte)'r', (byte)'v', (byte)'e', (byte)'r', 0,
            0, 16, 0, 3,
        ];
        await socket.SendToAsync(query, new IPEndPoint(server, 53), cancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        var buffer = new byte[1500];
        try
        {
            while (true)
            {
                var received = await socket.ReceiveFromAsync(buffer, new IPEndPoint(server.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0), wait.Token);
                var n = received.ReceivedBytes;
                if (n < 12 || buffer[0] != query[0] || buffer[1] != query[1] || (buffer[2] & 0x80) == 0)
                {
                    continue;
                }

                var answers = (buffer[6] << 8) | buffer[7];
                if (answers == 0)
                {
                    return null;
                }

                // Header, the question as sent, then the answer: name (a pointer), type, class, TTL, rdlength, TXT.
                var at = query.Length;
                at += (buffer[at] & 0xC0) == 0xC0 ? 2 : query.Length - 12 - 4;
                at += 10;
                if (at >= n)
                {
                    return null;
                }

                var length = buffer[at];
                return Encoding.ASCII.GetString(buffer, at + 1, Math.Min(length, n - at - 1));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);
}
