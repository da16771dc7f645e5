using System.Net;
using System.Security.Cryptography;

using Monitor.Core.Domain;
using Monitor.Probing.Exchange;
using Monitor.Probing.Wire;

namespace Monitor.Probing;

/// <summary>
/// Probes a target once: the main query, timed, and the identity of the node that answered. One
/// probe is one sample: no cache, no retry, no fallback from UDP to TCP. The main query carries the
/// NSID request (RFC 5001) when NSID is wanted, and when it is itself <c>id.server</c> or
/// <c>hostname.bind</c> CH TXT (RFC 4892) its answer is the identity, so RTT and identity come from
/// the same packet. Identity methods the main query cannot carry follow as separate queries, only
/// after an answer, on the same transport and connection, and their RTT is kept apart. Over TCP,
/// TLS (RFC 7858) and HTTPS (RFC 8484) a probe opens a fresh connection, whose connect and TLS
/// times are kept apart from the query's RTT, or uses the target's kept connection. A target named
/// by a host name is probed at the address the system resolver gives (<see cref="HostNames"/>).
/// Dispose the prober to close its kept connections.
/// </summary>
public sealed class DnsProber : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly DnsProberOptions _options;
    private readonly DnsExchange _exchange;
    private readonly ConnectionPool _pool;

    /// <summary>Creates a prober.</summary>
    public DnsProber(TimeProvider time, DnsProberOptions? options = null)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? new DnsProberOptions();
        _exchange = new DnsExchange(time, _options.KernelTimestamps);
        _pool = new ConnectionPool(time, _options.TrustedRoots);
        HostNames = new HostNameResolver(time, _options.ResolveEvery, _options.HostNameLookup);
    }

    /// <summary>The resolver of targets' host names; subscribe to <see cref="HostNameResolver.AddressChanged"/> to hear of a change.</summary>
    public HostNameResolver HostNames { get; }

    /// <summary>Closes the kept connections.</summary>
    public ValueTask DisposeAsync() => _pool.DisposeAsync();

    /// <summary>
    /// Runs the probe path once against a reflector on 127.0.0.1 in this process, so the first real
    /// sample carries no start-up cost (JIT, socket engine, thread pool); the TLS and HTTPS paths
    /// too. Call once before probing.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        await LoopbackWarmUp.RunAsync(_exchange, cancellationToken).ConfigureAwait(false);
        await TlsWarmUp.RunAsync(_time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Probes <paramref name="target"/> once from <paramref name="vantageId"/>.</summary>
    /// <returns>The measurement; network failures are outcomes in it, not exceptions.</returns>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<Measurement> ProbeAsync(Target target, string vantageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(vantageId);
        cancellationToken.ThrowIfCancellationRequested();

        if (target.Dnssec && !target.Edns)
        {
            throw new ArgumentException("DNSSEC (the DO bit) needs EDNS.", nameof(target));
        }

        var started = _time.GetUtcNow();
        var probe = new Measurement
        {
            Id = Guid.CreateVersion7(started),
            VantageId = vantageId,
            TargetId = target.Id,
            Started = started,
            Outcome = ProbeOutcome.NetworkError,
            Transport = target.Transport,
        };
        var address = target.Address;
        if (target.HostName is { } hostName)
        {
            var resolution = await HostNames.ResolveAsync(hostName, cancellationToken).ConfigureAwait(false);
            if (resolution.Address is null)
            {
                return probe with { Error = resolution.Error };
            }

            address = resolution.Address;
        }

        var settings = TransportSettings.For(target, new IPEndPoint(address, target.Port));
        var session = new TransportSession(_exchange, _pool, settings);
        await using (session.ConfigureAwait(false))
        {
            return await ProbeAsync(target, session, probe with { Address = address }, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Measurement> ProbeAsync(Target target, TransportSession session, Measurement probe, CancellationToken cancellationToken)
    {
        var edns = _options.Edns && target.Edns;
        var wantNsid = target.Identity.HasFlag(IdentityMethods.Nsid) && edns;
        var main = await QueryAsync(session, target, target.Query, wantNsid, target.Dnssec, cancellationToken).ConfigureAwait(false);
        var connected = target.Transport != Transport.Udp;
        var reconnects = main.Reconnected ? 1 : 0;
        var measurement = probe with
        {
            Outcome = main.Outcome,
            Rtt = main.Rtt,
            Rcode = main.Response?.Rcode,
            ResponseSize = main.Response?.Size,
            Truncated = main.Response?.Head.Truncated ?? false,
            Discarded = main.Discarded,
            Error = main.Error,
            Answers = target.AsksForAddresses && main.Response is { } answered ? AnswerSet(answered) : null,
            Connection = connected ? target.Connection : null,
            ConnectTime = main.ConnectTime,
            TlsTime = main.TlsTime,
            Reconnects = connected && target.Connection == ConnectionMode.Kept ? reconnects : null,
            AuthenticData = target.Dnssec ? main.Response?.AuthenticData : null,
            RrsigSeen = target.Dnssec ? main.Response?.RrsigSeen : null,
            SoaSerial = target.Query.QType == DnsTypes.SOA ? main.Response?.SoaSerial : null,
        };
        if (main.Response is null)
        {
            return measurement;
        }

        IdentityValue? nsid = main.Response.Nsid is { } raw ? new IdentityValue(raw.AsSpan()) : null;
        var idServer = TxtIdentity(main.Response, target.Query, DnsQuestion.IdServer);
        var hostnameBind = TxtIdentity(main.Response, target.Query, DnsQuestion.HostnameBind);
        TimeSpan? identityRtt = null;
        var discarded = main.Discarded;

        if (target.Identity.HasFlag(IdentityMethods.IdServer) && !target.Query.Equals(DnsQuestion.IdServer))
        {
            var extra = await QueryAsync(session, target, DnsQuestion.IdServer, false, false, cancellationToken).ConfigureAwait(false);
            idServer = TxtIdentity(extra.Response, DnsQuestion.IdServer, DnsQuestion.IdServer);
            identityRtt ??= extra.Rtt;
            discarded += extra.Discarded;
            reconnects += extra.Reconnected ? 1 : 0;
        }

        if (target.Identity.HasFlag(IdentityMethods.HostnameBind) && !target.Query.Equals(DnsQuestion.HostnameBind))
        {
            var extra = await QueryAsync(session, target, DnsQuestion.HostnameBind, false, false, cancellationToken).ConfigureAwait(false);
            hostnameBind = TxtIdentity(extra.Response, DnsQuestion.HostnameBind, DnsQuestion.HostnameBind);
            identityRtt ??= extra.Rtt;
            discarded += extra.Discarded;
            reconnects += extra.Reconnected ? 1 : 0;
        }

        return measurement with
        {
            Identity = new ObservedIdentity(
                target.Identity.HasFlag(IdentityMethods.IdServer) ? idServer : null,
                target.Identity.HasFlag(IdentityMethods.HostnameBind) ? hostnameBind : null,
                wantNsid ? nsid : null),
            IdentityRtt = identityRtt,
            Discarded = discarded,
            Reconnects = measurement.Reconnects is null ? null : reconnects,
        };
    }

    /// <summary>The answer's addresses as a set: distinct, sorted, comma-separated, so answers that only rotate compare equal.</summary>
    private static string AnswerSet(DnsResponse response) => string.Join(
        ',',
        response.AddressAnswers.Select(a => a.ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>The identity TXT of <paramref name="identityQuestion"/> when the response answers it.</summary>
    private static IdentityValue? TxtIdentity(DnsResponse? response, DnsQuestion asked, DnsQuestion identityQuestion)
    {
        if (response is null || !asked.Equals(identityQuestion) || response.Rcode != DnsRcodes.NoError)
        {
            return null;
        }

        var record = response.TxtAnswers.FirstOrDefault(r =>
            r.RecordClass == identityQuestion.QClass &&
            string.Equals(r.Owner, identityQuestion.Name, StringComparison.OrdinalIgnoreCase));
        return record is null ? null : new IdentityValue(record.Joined());
    }

    private async Task<QueryResult> QueryAsync(
        TransportSession session, Target target, DnsQuestion question, bool requestNsid, bool dnssecOk, CancellationToken cancellationToken)
    {
        // RFC 8484 §4.1: DoH uses ID 0 (HTTP pairs the response with its request, and caches like it).
        var id = target.Transport == Transport.Https ? (ushort)0 : (ushort)RandomNumberGenerator.GetInt32(0, 65536);
        var edns = _options.Edns && target.Edns;
        var query = DnsQueryWriter.Write(id, question, target.RecursionDesired, edns, requestNsid, target.EdnsSize ?? _options.UdpPayloadSize, dnssecOk && edns);
        var result = await session.ExchangeAsync(query, id, question, target.Timeout ?? _options.DefaultTimeout, cancellationToken).ConfigureAwait(false);
        var connection = new QueryResult(ProbeOutcome.Timeout, null, null, result.Discarded.Total, null)
        {
            ConnectTime = result.ConnectTime,
            TlsTime = result.TlsTime,
            Reconnected = result.Reconnected,
        };

        switch (result.Status)
        {
            case ExchangeStatus.Response:
                try
                {
                    return connection with { Outcome = ProbeOutcome.Answered, Rtt = result.Rtt, Response = DnsResponseReader.Read(result.Response!) };
                }
                catch (DnsWireException ex)
                {
                    return connection with { Outcome = ProbeOutcome.Malformed, Rtt = result.Rtt, Error = ex.Message };
                }

            case ExchangeStatus.Malformed:
                return connection with { Outcome = ProbeOutcome.Malformed, Rtt = result.Rtt, Error = result.Error };

            case ExchangeStatus.NetworkError:
                return connection with { Outcome = ProbeOutcome.NetworkError, Error = result.Error };

            default:
                // Unreadable packets from the server itself mean it answered, but not in DNS.
                return result.Discarded.Unreadable > 0
                    ? connection with { Outcome = ProbeOutcome.Malformed, Error = $"{result.Discarded.Unreadable} unreadable packet(s) from the server" }
                    : connection;
        }
    }

    private sealed record QueryResult(ProbeOutcome Outcome, TimeSpan? Rtt, DnsResponse? Response, int Discarded, string? Error)
    {
        public TimeSpan? ConnectTime { get; init; }

        public TimeSpan? TlsTime { get; init; }

        public bool Reconnected { get; init; }
    }
}
