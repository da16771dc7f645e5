using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;

namespace Monitor.Probing.Exchange;

/// <summary>
/// The kept connections of a prober, one per <see cref="TransportSettings"/>, each used by one
/// exchange at a time. A kept TCP or TLS connection that has gone is opened again by the next
/// exchange (a reconnect); a kept HTTPS client reconnects by itself and the exchange learns of it.
/// </summary>
internal sealed class ConnectionPool : IAsyncDisposable
{
    private readonly ConcurrentDictionary<TransportSettings, Kept> _kept = new();

    public ConnectionPool(TimeProvider time, X509Certificate2Collection? trustedRoots)
    {
        Time = time;
        TrustedRoots = trustedRoots;
    }

    public TimeProvider Time { get; }

    public X509Certificate2Collection? TrustedRoots { get; }

    /// <summary>The kept connection of <paramref name="settings"/>, created (not yet opened) on first use.</summary>
    public Kept Get(TransportSettings settings) => _kept.GetOrAdd(settings, s => new Kept(s, this));

    /// <summary>The certificate check for a new connection of <paramref name="settings"/>.</summary>
    public CertificateCheck Check(TransportSettings settings) => new(settings.TlsName, settings.TlsInsecure, TrustedRoots);

    public async ValueTask DisposeAsync()
    {
        foreach (var kept in _kept.Values)
        {
            await kept.DisposeAsync().ConfigureAwait(false);
        }

        _kept.Clear();
    }

    /// <summary>One kept connection and the gate that lets one exchange use it at a time.</summary>
    internal sealed class Kept : IAsyncDisposable
    {
        private readonly TransportSettings _settings;
        private readonly ConnectionPool _pool;
        private DohConnection? _doh;

        public Kept(TransportSettings settings, ConnectionPool pool)
        {
            _settings = settings;
            _pool = pool;
        }

        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>The open TCP or TLS connection, or null when none is (yet, or any more).</summary>
        public StreamConnection? Stream { get; set; }

        /// <summary>Whether a TCP or TLS connection was ever opened here, so the next opening is a reconnect.</summary>
        public bool EverOpened { get; set; }

        /// <summary>The HTTPS client, created on first use.</summary>
        public DohConnection Doh => _doh ??= new DohConnection(_settings.EndPoint, _settings.Url, _settings.Method, _settings.HttpVersion, _pool.Check(_settings), _pool.Time);

        public async ValueTask DisposeAsync()
        {
            if (Stream is not null)
            {
                await Stream.DisposeAsync().ConfigureAwait(false);
                Stream = null;
            }

            _doh?.Dispose();
            Gate.Dispose();
        }
    }
}
