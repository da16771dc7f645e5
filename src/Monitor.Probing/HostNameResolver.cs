using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Monitor.Probing;

/// <summary>
/// Resolves target host names through the system resolver (<see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>,
/// so <c>/etc/hosts</c> and the system's DNS apply), when first asked and again once
/// <see cref="ResolveEvery"/> has passed, and reports a change of address. Between lookups the last
/// address is used, so a probe does not wait for the resolver. The address in use is kept while the
/// lookup still returns it (a name whose addresses only rotate does not change); otherwise the first
/// address the system gives (its RFC 6724 order) is taken. A failed lookup keeps the last good
/// address and is tried again after at most a minute.
/// </summary>
public sealed class HostNameResolver
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);
    private readonly TimeProvider _time;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _lookup;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a resolver.</summary>
    /// <param name="time">The clock deciding when to look up again.</param>
    /// <param name="resolveEvery">How long an address is used before the name is looked up again; positive.</param>
    /// <param name="lookup">The lookup; the system resolver by default (tests give their own).</param>
    public HostNameResolver(TimeProvider time, TimeSpan resolveEvery, Func<string, CancellationToken, Task<IPAddress[]>>? lookup = null)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(resolveEvery, TimeSpan.Zero);
        ResolveEvery = resolveEvery;
        _lookup = lookup ?? Dns.GetHostAddressesAsync;
    }

    /// <summary>Raised after a lookup that moved a name to another address.</summary>
    public event EventHandler<HostNameResolution>? AddressChanged;

    /// <summary>How long an address is used before the name is looked up again.</summary>
    public TimeSpan ResolveEvery { get; }

    /// <summary>The address to probe for <paramref name="hostName"/>, looking it up when due.</summary>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<HostNameResolution> ResolveAsync(string hostName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostName);
        var entry = _entries.GetOrAdd(hostName, static _ => new Entry());
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        HostNameResolution result;
        try
        {
            var now = _time.GetUtcNow();
            if (entry.Address is not null && now < entry.Due)
            {
                return new HostNameResolution(hostName, entry.Address, null, entry.ResolvedAt, null);
            }

            IPAddress[] addresses;
            try
            {
                addresses = await _lookup(hostName, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex) when (!cancellationToken.IsCancellationRequested)
            {
                entry.Due = now + (ResolveEvery < RetryAfterFailure ? ResolveEvery : RetryAfterFailure);
                return new HostNameResolution(hostName, entry.Address, null, entry.ResolvedAt, $"host name '{hostName}' did not resolve: {ex.Message}");
            }

            if (addresses.Length == 0)
            {
                entry.Due = now + (ResolveEvery < RetryAfterFailure ? ResolveEvery : RetryAfterFailure);
                return new HostNameResolution(hostName, entry.Address, null, entry.ResolvedAt, $"host name '{hostName}' has no address");
            }

            var previous = entry.Address;
            var address = previous is not null && addresses.Contains(previous) ? previous : addresses[0];
            entry.Address = address;
            entry.ResolvedAt = now;
            entry.Due = now + ResolveEvery;
            result = new HostNameResolution(hostName, address, previous is not null && !previous.Equals(address) ? previous : null, now, null);
        }
        finally
        {
            entry.Gate.Release();
        }

        if (result.Changed)
        {
            AddressChanged?.Invoke(this, result);
        }

        return result;
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public IPAddress? Address { get; set; }

        public DateTimeOffset? ResolvedAt { get; set; }

        public DateTimeOffset Due { get; set; }
    }
}
