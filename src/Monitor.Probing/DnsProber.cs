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
/// after an answer, and their RTT is kept apart.
/// </summary>
public sealed class DnsProber
{
    private readonly TimeProvider _time;
    private readonly DnsProberOptions _options;
    private readonly DnsExchange _exchange;

    /// <summary>Creates a prober.</summary>
    public DnsProber(TimeProvider time, DnsProberOptions? options = null)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? new DnsProberOptions();
        _exchange = new DnsExchange(time, _options.KernelTimestamps);
    }

    /// <summary>
    /// Runs the probe path once against a reflector on 127.0.0.1 in this process, so the first real
    /// sample carries no start-up cost (JIT, socket engine, thread pool). Call once before probing.
    /// </summary>
    public Task WarmUpAsync(CancellationToken cancellationToken) => LoopbackWarmUp.RunAsync(_exchange, cancellationToken);

    /// <summary>Probes <paramref name="target"/> once from <paramref name="vantageId"/>.</summary>
    /// <returns>The measurement; network failures are outcomes in it, not exceptions.</returns>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<Measurement> ProbeAsync(Target target, string vantageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(vantageId);
        cancellationToken.ThrowIfCancellationRequested();

        var started = _time.GetUtcNow();
        var wantNsid = target.Identity.HasFlag(IdentityMethods.Nsid) && _options.Edns;
        var main = await QueryAsync(target, target.Query, wantNsid, cancellationToken).ConfigureAwait(false);
        var measurement = new Measurement
        {
            Id = Guid.CreateVersion7(started),
            VantageId = vantageId,
            TargetId = target.Id,
            Started = started,
            Outcome = main.Outcome,
            Rtt = main.Rtt,
            Rcode = main.Response?.Rcode,
            ResponseSize = main.Response?.Size,
            Truncated = main.Response?.Head.Truncated ?? false,
            Discarded = main.Discarded,
            Error = main.Error,
            Answers = target.AsksForAddresses && main.Response is { } answered ? AnswerSet(answered) : null,
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
            var extra = await QueryAsync(target, DnsQuestion.IdServer, false, cancellationToken).ConfigureAwait(false);
            idServer = TxtIdentity(extra.Response, DnsQuestion.IdServer, DnsQuestion.IdServer);
            identityRtt ??= extra.Rtt;
            discarded += extra.Discarded;
        }

        if (target.Identity.HasFlag(IdentityMethods.HostnameBind) && !target.Query.Equals(DnsQuestion.HostnameBind))
        {
            var extra = await QueryAsync(target, DnsQuestion.HostnameBind, false, cancellationToken).ConfigureAwait(false);
            hostnameBind = TxtIdentity(extra.Response, DnsQuestion.HostnameBind, DnsQuestion.HostnameBind);
            identityRtt ??= extra.Rtt;
            discarded += extra.Discarded;
        }

        return measurement with
        {
            Identity = new ObservedIdentity(
                target.Identity.HasFlag(IdentityMethods.IdServer) ? idServer : null,
                target.Identity.HasFlag(IdentityMethods.HostnameBind) ? hostnameBind : null,
                wantNsid ? nsid : null),
            IdentityRtt = identityRtt,
            Discarded = discarded,
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

    private async Task<QueryResult> QueryAsync(Target target, DnsQuestion question, bool requestNsid, CancellationToken cancellationToken)
    {
        var id = (ushort)RandomNumberGenerator.GetInt32(0, 65536);
        var query = DnsQueryWriter.Write(id, question, target.RecursionDesired, _options.Edns, requestNsid, _options.UdpPayloadSize);
        var result = await _exchange.ExchangeAsync(
            target.EndPoint,
            target.Transport,
            query,
            id,
            question,
            target.Timeout ?? _options.DefaultTimeout,
            cancellationToken).ConfigureAwait(false);

        switch (result.Status)
        {
            case ExchangeStatus.Response:
                try
                {
                    var response = DnsResponseReader.Read(result.Response!);
                    return new QueryResult(ProbeOutcome.Answered, result.Rtt, response, result.Discarded.Total, null);
                }
                catch (DnsWireException ex)
                {
                    return new QueryResult(ProbeOutcome.Malformed, result.Rtt, null, result.Discarded.Total, ex.Message);
                }

            case ExchangeStatus.NetworkError:
                return new QueryResult(ProbeOutcome.NetworkError, null, null, result.Discarded.Total, result.Error);

            default:
                // Unreadable packets from the server itself mean it answered, but not in DNS.
                return result.Discarded.Unreadable > 0
                    ? new QueryResult(ProbeOutcome.Malformed, null, null, result.Discarded.Total, $"{result.Discarded.Unreadable} unreadable packet(s) from the server")
                    : new QueryResult(ProbeOutcome.Timeout, null, null, result.Discarded.Total, null);
        }
    }

    private sealed record QueryResult(ProbeOutcome Outcome, TimeSpan? Rtt, DnsResponse? Response, int Discarded, string? Error);
}
