namespace Monitor.Testing;

/// <summary>
/// A class fixture holding one real Unbound with DoT and DoH and its test certificates, started on
/// first use (so a skip on a machine without Unbound happens inside a test) and stopped when the
/// class is done.
/// </summary>
public abstract class UnboundFixture(string identity, string nsid, TimeSpan? tcpIdleTimeout = null) : IDisposable
{
    private UnboundServer? _server;

    /// <summary>The certificates: a CA and the server's, for <see cref="TestCertificates.Name"/>.</summary>
    public TestCertificates Certificates { get; } = TestCertificates.Create();

    /// <summary>The server, started on first use.</summary>
    public UnboundServer Server => _server ??= UnboundServer.Start(identity, nsid, Certificates, tcpIdleTimeout);

    public void Dispose()
    {
        _server?.Dispose();
        Certificates.Dispose();
        GC.SuppressFinalize(this);
    }
}
