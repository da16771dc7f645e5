using System.Data.Common;
using System.Net.Sockets;

using Monitor.Core.Domain;

namespace Monitor.Storage.Spool;

/// <summary>
/// Stores rounds so that none is lost: each round goes to the spool first, then to the database,
/// and leaves the spool only once the database has committed it. When the database is away the
/// round waits in the spool and is written by a later <see cref="FlushAsync"/>. When the spool
/// itself cannot be written (its disk is full, its bound reached), the round goes to the database
/// directly, and failing that waits in memory (bounded by <see cref="MaxHeldMeasurements"/>) until
/// the spool or the database takes it: a measurement taken is never dropped while the process lives.
/// Calls are serialized: a flush from a heartbeat and a round's record never interleave.
/// </summary>
public sealed class RoundRecorder : IDisposable
{
    /// <summary>Default bound of measurements held in memory: about 30 MB.</summary>
    public const int DefaultMaxHeldMeasurements = 100_000;

    private readonly IMeasurementLog _store;
    private readonly RoundSpool _spool;
    private readonly Queue<(Round Round, IReadOnlyList<Measurement> Measurements)> _held = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _heldMeasurements;

    /// <summary>Creates a recorder.</summary>
    public RoundRecorder(IMeasurementLog store, RoundSpool spool, int maxHeldMeasurements = DefaultMaxHeldMeasurements)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxHeldMeasurements);
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _spool = spool ?? throw new ArgumentNullException(nameof(spool));
        MaxHeldMeasurements = maxHeldMeasurements;
    }

    /// <summary>How many measurements may wait in memory while neither spool nor database takes them.</summary>
    public int MaxHeldMeasurements { get; }

    /// <summary>Rounds waiting in the spool or in memory.</summary>
    public int Pending => _spool.Pending().Count + _held.Count;

    /// <summary>Rounds waiting in memory (the spool could not be written).</summary>
    public int Held => _held.Count;

    /// <summary>Keeps a round: spooled, then stored if the database is reachable.</summary>
    /// <exception cref="SpoolFullException">Neither database, spool nor memory could take the round.</exception>
    public async Task<RecordResult> RecordAsync(Round round, IReadOnlyList<Measurement> measurements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(measurements);
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            return await RecordCoreAsync(round, measurements, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Writes waiting rounds to the database: spooled ones oldest first, then those held in memory;
    /// stops at the first the database refuses. Held rounds the database refuses are moved to the
    /// spool when it can be written again.
    /// </summary>
    public async Task<FlushResult> FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await FlushCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<RecordResult> RecordCoreAsync(Round round, IReadOnlyList<Measurement> measurements, CancellationToken cancellationToken)
    {
        string file;
        try
        {
            file = await _spool.AddAsync(round, measurements, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SpoolFullException)
        {
            // The spool's disk is full or unwritable, or its bound is reached.
            return await RecordUnspooledAsync(round, measurements, ex, cancellationToken).ConfigureAwait(false);
        }

        // Older rounds first, so the database receives them in order.
        var flush = await FlushCoreAsync(cancellationToken).ConfigureAwait(false);
        return File.Exists(file)
            ? new RecordResult(false, flush.Error, Pending)
            : new RecordResult(true, null, Pending);
    }

    private async Task<FlushResult> FlushCoreAsync(CancellationToken cancellationToken)
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
                await SpoolHeldAsync(cancellationToken).ConfigureAwait(false);
                return new FlushResult(written, ex.Message);
            }

            RoundSpool.Remove(file);
            written++;
        }

        while (_held.TryPeek(out var held))
        {
            try
            {
                await _store.WriteRoundAsync(held.Round, held.Measurements, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsUnavailable(ex))
            {
                await SpoolHeldAsync(cancellationToken).ConfigureAwait(false);
                return new FlushResult(written, ex.Message);
            }

            Release();
            written++;
        }

        return new FlushResult(written, null);
    }

    /// <summary>
    /// The last flush before the process ends: while rounds wait in memory (they would die with the
    /// process), retries every second for up to <paramref name="patience"/> until the spool or the
    /// database takes them.
    /// </summary>
    public async Task<FlushResult> FlushBeforeExitAsync(TimeSpan patience, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var result = await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        var written = result.Written;
        var until = time.GetUtcNow() + patience;
        while (Held > 0 && time.GetUtcNow() < until)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), time).ConfigureAwait(false);
            result = await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            written += result.Written;
        }

        return result with { Written = written };
    }

    /// <summary>Releases the gate; rounds still held in memory are lost with the process, so flush first.</summary>
    public void Dispose() => _gate.Dispose();

    /// <summary>True for failures of the database or the way to it, which a later retry may cure.</summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is DbException or TimeoutException or IOException or SocketException ||
        (exception is InvalidOperationException && exception.InnerException is not null && IsUnavailable(exception.InnerException));

    private async Task<RecordResult> RecordUnspooledAsync(Round round, IReadOnlyList<Measurement> measurements, Exception spoolError, CancellationToken cancellationToken)
    {
        if (_held.Count == 0)
        {
            try
            {
                await _store.WriteRoundAsync(round, measurements, cancellationToken).ConfigureAwait(false);
                return new RecordResult(true, null, Pending);
            }
            catch (Exception ex) when (IsUnavailable(ex))
            {
                // falls through: held in memory
            }
        }
        else
        {
            // Rounds already wait in memory: keep the order, try the oldest first.
            await FlushCoreAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_heldMeasurements + measurements.Count > MaxHeldMeasurements)
        {
            throw new SpoolFullException($"Neither the spool ({spoolError.Message}) nor the database takes rounds, and {_heldMeasurements} measurements already wait in memory (bound {MaxHeldMeasurements}).");
        }

        _held.Enqueue((round, measurements));
        _heldMeasurements += measurements.Count;

        // The round is the newest of all that wait, so a flush that ends without error has stored it.
        var flushed = await FlushCoreAsync(cancellationToken).ConfigureAwait(false);
        return new RecordResult(flushed.Error is null, flushed.Error, Pending);
    }

    /// <summary>Moves rounds held in memory to the spool, oldest first, while it can be written.</summary>
    private async Task SpoolHeldAsync(CancellationToken cancellationToken)
    {
        while (_held.TryPeek(out var held))
        {
            try
            {
                await _spool.AddAsync(held.Round, held.Measurements, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SpoolFullException)
            {
                return;
            }

            Release();
        }
    }

    private void Release()
    {
        var (_, measurements) = _held.Dequeue();
        _heldMeasurements -= measurements.Count;
    }
}
