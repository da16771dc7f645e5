using System.Net.Sockets;
using System.Text;

namespace Monitor.Testing.Lab;

/// <summary>
/// One connection to a bird2 control socket, speaking its CLI protocol directly (reply lines carry a
/// four-digit code, <c>0000</c> ends a reply, codes 8xxx/9xxx are errors), so polling the routing
/// truth costs no process per query.
/// </summary>
internal sealed class BirdClient : IDisposable
{
    private readonly string _path;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private Socket? _socket;
    private StreamReader? _reader;
    private NetworkStream? _stream;

    public BirdClient(string path) => _path = path;

    /// <summary>Sends one command and returns the reply's text lines (codes stripped).</summary>
    public async Task<IReadOnlyList<string>> CommandAsync(string command, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await ConnectAsync(cancellationToken);
                    await _stream!.WriteAsync(Encoding.ASCII.GetBytes(command + "\n"), cancellationToken);
                    return await ReadReplyAsync(cancellationToken);
                }
                catch (Exception e) when (attempt < 2 && e is IOException or SocketException or InvalidOperationException)
                {
                    Close();
                }
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        Close();
        _lock.Dispose();
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_socket is not null)
        {
            return;
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(_path), cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _reader = new StreamReader(_stream, Encoding.ASCII);

        // The greeting: "0001 BIRD 2.0.12 ready."
        await ReadReplyAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<string>> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await _reader!.ReadLineAsync(cancellationToken) ?? throw new IOException("bird closed the control connection");
            if (line.Length >= 5 && char.IsAsciiDigit(line[0]) && (line[4] == ' ' || line[4] == '-'))
            {
                var code = line[..4];
                lines.Add(line[5..]);
                if (line[4] == ' ')
                {
                    if (code[0] is '8' or '9')
                    {
                        lines.Insert(0, "error " + code);
                    }

                    return lines;
                }
            }
            else
            {
                // A continuation line: a space, then text.
                lines.Add(line.Length > 0 ? line[1..] : line);
            }
        }
    }

    private void Close()
    {
        _reader?.Dispose();
        _stream?.Dispose();
        _socket?.Dispose();
        _reader = null;
        _stream = null;
        _socket = null;
    }
}
