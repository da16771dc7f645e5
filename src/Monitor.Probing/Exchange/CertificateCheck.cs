using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Monitor.Probing.Exchange;

/// <summary>
/// The TLS client settings of one connection and what its certificate check found. Validation is on
/// unless insecure: the chain must lead to a trusted root (the system's, or the roots given) and the
/// certificate must name <see cref="TargetHost"/>. The chain is built offline: no revocation lookup
/// and no download of missing intermediates, so a handshake's time is the server's alone and no
/// packet goes anywhere but to the server.
/// </summary>
internal sealed class CertificateCheck
{
    private readonly bool _insecure;
    private readonly X509Certificate2Collection? _trustedRoots;

    public CertificateCheck(string targetHost, bool insecure, X509Certificate2Collection? trustedRoots)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetHost);
        TargetHost = targetHost;
        _insecure = insecure;
        _trustedRoots = trustedRoots;
    }

    /// <summary>The name sent in SNI and required in the certificate.</summary>
    public string TargetHost { get; }

    /// <summary>What the last validation found; <see cref="SslPolicyErrors.None"/> before one ran.</summary>
    public SslPolicyErrors Errors { get; private set; }

    /// <summary>Options for <see cref="SslStream.AuthenticateAsClientAsync(SslClientAuthenticationOptions, CancellationToken)"/>.</summary>
    public SslClientAuthenticationOptions Options(List<SslApplicationProtocol>? applicationProtocols = null)
    {
        var policy = new X509ChainPolicy
        {
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        if (_trustedRoots is { Count: > 0 })
        {
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(_trustedRoots);
        }

        return new SslClientAuthenticationOptions
        {
            // SNI carries a name, never an address literal (RFC 6066 §3); SslStream omits it for an address.
            TargetHost = TargetHost,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            CertificateChainPolicy = policy,
            ApplicationProtocols = applicationProtocols,
            RemoteCertificateValidationCallback = Validate,
        };
    }

    /// <summary>A one-line reason for a failed handshake, naming the certificate's fault when it was that.</summary>
    public string Describe(AuthenticationException exception) => Errors == SslPolicyErrors.None
        ? "TLS handshake failed: " + exception.Message
        : $"TLS certificate not accepted for '{TargetHost}': {Errors}";

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        Errors = errors;
        return _insecure || errors == SslPolicyErrors.None;
    }
}
