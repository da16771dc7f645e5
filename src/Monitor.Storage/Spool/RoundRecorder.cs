using System.Data.Common;
using System.Net.Sockets;

using Monitor.Core.Domain;

namespace Monitor.Storage.Spool;

/// <summary>
/// Stores rounds so that none is lost: each round goes to the spool first, then to the database,
/// and leaves the spool only once the database has committed it. When the database is away the
/// round waits in the spool and is written by a later <see cref="FlushAsync"/>.
/// </summary>
public sealed class RoundRecorder
{
    private readonly IMeasurementStore _store;
    private readonly RoundSpool _spool;

    /// <summary>Creates a recorder.</summary>
    public RoundRecorder(IMeasurementStore store, RoundSpool spool)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _spool = spool ?? throw new ArgumentNullException(nameof(spool));
    }

    /// <summary>Rounds waiting in the spool.</summary>
    public int Pending => _spool.Pending().Count;

    /// <summary>Keeps a round: spooled, then stored if the database is reachable.</summary>
    /// <exception cref="SpoolFullException">Neither database nor spool could take the round.</exception>
    public async Task<RecordResult> RecordAsync(Round round, IReadOnlyList<Measurement> measurements, CancellationToken cancellationToken)
    {
        var file = await _spool.AddAsync(round, measurements, cancellationToken).ConfigureAwait(false);

        // Older rounds first, so the database receives them in order.
        var flush = await FlushAsync(cancellationToken).ConfigureAwait(false);
        return File.Exists(file)
            ? new RecordResult(false, flush.Error, Pending)
            : new RecordResult(true, null, Pending);
    }

    /// <summary>Writes spooled rounds to the database, oldest first, until one fails.</summary>
    public async Task<FlushResult> FlushAsync(CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var file in _spool.Pending())
        {
            (Round Round, IReadOnlyList<Measurement> Measurements) spooled;
            try
            {
                spooled = await RoundSpool.ReadAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                RoundSpool.Quarantine(file);
                continue;
            }

            try
            {
                await _store.WriteRoundAsync(spooled.Round, spooled.Measurements, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsUnavailable(ex))
            {
                return new FlushResult(written, ex.Message);
            }

            RoundSpool.Remove(file);
            written++;
        }

        return new FlushResult(written, null);
    }

    /// <summary>True for failures of the database or the way to it, which a later retry may cure.</summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is DbException or TimeoutException or IOException or SocketException ||
        (exception is InvalidOperationException && exception.InnerException is not null && IsUnavailable(exception.InnerException));
}
