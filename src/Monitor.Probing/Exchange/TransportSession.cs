using Monitor.Core.Domain;

namespace Monitor.Probing.Exchange;

/// <summary>
/// The queries of one probe: the main query and the identity queries after it go the same way.
/// UDP needs no connection. With <see cref="ConnectionMode.Fresh"/> the first query opens a
/// connection (its exchange carries the connect and TLS times), the later ones ride on it, and it is
/// closed with the session. With <see cref="ConnectionMode.Kept"/> the queries use the pool's
/// connection: one that has gone since its last use is opened again and the exchange says so; when a
/// kept TCP or TLS connection turns out closed before any octet of the response came back (the
/// server's idle timeout raced the query), the query is sent once more on a new connection, as
/// RFC 7766 §6.2.1 allows, and that is the reconnect. Every network failure is a value; the caller's
/// cancellation propagates.
/// </summary>
internal sealed class TransportSession : IAsyncDisposable
{
    private readonly DnsExchange _exchange;
    private readonly ConnectionPool _pool;
    private readonly TransportSettings _settings;
    private StreamConnection? _freshStream;
    private DohConnection? _freshDoh;

    public TransportSession(DnsExchange exchange, ConnectionPool pool, TransportSettings settings)
    {
        _exchange = exchange;
        _pool = pool;
        _settings = settings;
    }

    private TimeProvider Time => _pool.Time;

    /// <summary>Sends one query and waits up to <paramref name="timeout"/> (connecting included) for its response.</summary>
    public Task<ExchangeResult> ExchangeAsync(byte[] query, ushort id, DnsQuestion question, TimeSpan timeout, CancellationToken cancellationToken) =>
        _settings.Transport switch
        {
            Transport.Udp => _exchange.ExchangeAsync(_settings.EndPoint, Transport.Udp, query, id, question, timeout, cancellationToken),
            Transport.Https => DohAsync(query, id, question, timeout, cancellationToken),
            _ when _settings.Mode == ConnectionMode.Kept => KeptStreamAsync(query, id, question, timeout, cancellationToken),
            _ => FreshStreamAsync(query, id, question, timeout, cancellationToken),
        };

    public async ValueTask DisposeAsync()
    {
        await DropFreshStreamAsync().ConfigureAwait(false);
        _freshDoh?.Dispose();
        _freshDoh = null;
    }

    private CertificateCheck? StreamCheck() => _settings.Transport == Transport.Tls ? _pool.Check(_settings) : null;

    private async Task<ExchangeResult> FreshStreamAsync(byte[] query, ushort id, DnsQuestion question, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var connection = _freshStream;
        var opened = connection is null;
        var check = opened ? StreamCheck() : null;
        try
        {
            connection ??= _freshStream = await StreamConnection.OpenAsync(_settings.EndPoint, check, Time, linked.Token).ConfigureAwait(false);
            var result = await connection.ExchangeAsync(query, id, question, linked.Token).ConfigureAwait(false);
            if (result.Status != ExchangeStatus.Response)
            {
                await DropFreshStreamAsync().ConfigureAwait(false);
            }

            return WithTimes(result, opened ? connection : null, reconnected: false);
        }
        catch (Exception ex) when (ExchangeFailures.IsOutcome(ex, cancellationToken))
        {
            await DropFreshStreamAsync().ConfigureAwait(false);
            return WithTimes(ExchangeFailures.ToResult(ex, connection?.Discarded ?? default, check), opened ? connection : null, reconnected: false);
        }
    }

    private async Task<ExchangeResult> KeptStreamAsync(byte[] query, ushort id, DnsQuestion question, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var kept = _pool.Get(_settings);
        try
        {
            await kept.Gate.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ExchangeResult(ExchangeStatus.Timeout, null, null, default, null);
        }

        var reconnected = false;
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var connection = kept.Stream;
                if (connection is not null && connection.LooksClosed)
                {
                    await DropKeptAsync(kept).ConfigureAwait(false);
                    connection = null;
                }

                var opened = connection is null;
                var check = opened ? StreamCheck() : null;
                try
                {
                    if (connection is null)
                    {
                        reconnected |= kept.EverOpened;
                        kept.EverOpened = true;
                        connection = kept.Stream = await StreamConnection.OpenAsync(_settings.EndPoint, check, Time, linked.Token).ConfigureAwait(false);
                    }

                    var result = await connection.ExchangeAsync(query, id, question, linked.Token).ConfigureAwait(false);
                    if (result.Status == ExchangeStatus.Response)
                    {
                        return WithTimes(result, opened ? connection : null, reconnected);
                    }

                    await DropKeptAsync(kept).ConfigureAwait(false);
                    if (!opened && !connection.ReadAny && attempt == 0)
                    {
                        continue;
                    }

                    return WithTimes(result, opened ? connection : null, reconnected);
                }
                catch (Exception ex) when (ExchangeFailures.IsOutcome(ex, cancellationToken))
                {
                    await DropKeptAsync(kept).ConfigureAwait(false);
                    if (ex is not OperationCanceledException && !opened && connection is { ReadAny: false } && attempt == 0)
                    {
                        continue;
                    }

                    return WithTimes(ExchangeFailures.ToResult(ex, connection?.Discarded ?? default, check), opened ? connection : null, reconnected);
                }
            }
        }
        finally
        {
            kept.Gate.Release();
        }
    }

    private async Task<ExchangeResult> DohAsync(byte[] query, ushort id, DnsQuestion question, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        ConnectionPool.Kept? kept = null;
        if (_settings.Mode == ConnectionMode.Kept)
        {
            kept = _pool.Get(_settings);
            try
            {
                await kept.Gate.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new ExchangeResult(ExchangeStatus.Timeout, null, null, default, null);
            }
        }

        try
        {
            var doh = kept?.Doh ?? (_freshDoh ??= new DohConnection(_settings.EndPoint, _settings.Url, _settings.Method, _settings.HttpVersion, _pool.Check(_settings), Time));
            var openedBefore = doh.Opened;
            try
            {
                var result = await doh.ExchangeAsync(query, id, question, linked.Token).ConfigureAwait(false);
                return result with { Reconnected = kept is not null && openedBefore > 0 && doh.Opened != openedBefore };
            }
            catch (Exception ex) when (ExchangeFailures.IsOutcome(ex, cancellationToken))
            {
                return ExchangeFailures.ToResult(ex, default, doh.Check) with { Reconnected = kept is not null && openedBefore > 0 && doh.Opened != openedBefore };
            }
        }
        finally
        {
            kept?.Gate.Release();
        }
    }

    private static ExchangeResult WithTimes(ExchangeResult result, StreamConnection? opened, bool reconnected) =>
        result with { ConnectTime = opened?.ConnectTime, TlsTime = opened?.TlsTime, Reconnected = reconnected };

    private static async ValueTask DropKeptAsync(ConnectionPool.Kept kept)
    {
        if (kept.Stream is { } stream)
        {
            kept.Stream = null;
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask DropFreshStreamAsync()
    {
        if (_freshStream is { } stream)
        {
            _freshStream = null;
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
