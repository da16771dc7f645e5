using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Monitor.Testing;

/// <summary>
/// A test's own certificate authority and one server certificate it signed, for TLS servers on
/// loopback: the server certificate names <see cref="Name"/>, 127.0.0.1 and ::1 (ECDSA P-256, valid
/// for a day). Nothing is added to any system store; clients trust <see cref="Roots"/> explicitly.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly ECDsa _serverKey;

    private TestCertificates(string name, X509Certificate2 root, X509Certificate2 server, ECDsa serverKey)
    {
        Name = name;
        Root = root;
        Server = server;
        _serverKey = serverKey;
    }

    /// <summary>The DNS name in the server certificate.</summary>
    public string Name { get; }

    /// <summary>The CA's certificate (no private key).</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The server certificate with its private key.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>The CA as a trust store for clients.</summary>
    public X509Certificate2Collection Roots => [Root];

    /// <summary>Creates a CA and a server certificate for <paramref name="name"/>.</summary>
    public static TestCertificates Create(string name = "dns.test")
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Monitor test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = request.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(12));
        using var withKey = signed.CopyWithPrivateKey(serverKey);

        // Through PKCS#12 so the key is usable by every TLS stack in the process (Kestrel's too).
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        var root = X509CertificateLoader.LoadCertificate(ca.RawData);
        return new TestCertificates(name, root, server, serverKey);
    }

    /// <summary>Writes the server's chain (server, then CA) and key as PEM files into <paramref name="directory"/>.</summary>
    /// <returns>The paths of the chain and the key.</returns>
    public (string Chain, string Key) WritePem(string directory)
    {
        var chain = Path.Combine(directory, "server.pem");
        var key = Path.Combine(directory, "server.key");
        File.WriteAllText(chain, Server.ExportCertificatePem() + "\n" + Root.ExportCertificatePem() + "\n");
        File.WriteAllText(key, _serverKey.ExportPkcs8PrivateKeyPem() + "\n");
        return (chain, key);
    }

    public void Dispose()
    {
        Server.Dispose();
        Root.Dispose();
        _serverKey.Dispose();
    }
}
