namespace Monitor.Testing;

/// <summary>
/// A class fixture holding one real NSD for a test class, started on first use (so a skip on a
/// machine without NSD happens inside a test) and stopped when the class is done.
/// </summary>
public abstract class NsdFixture(string identity, string nsid) : IDisposable
{
    private NsdServer? _server;

    /// <summary>The server, started on first use.</summary>
    public NsdServer Server => _server ??= NsdServer.Start(identity, nsid);

    public void Dispose()
    {
        _server?.Dispose();
        GC.SuppressFinalize(this);
    }
}
