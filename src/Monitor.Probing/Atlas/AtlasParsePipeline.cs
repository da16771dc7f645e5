namespace Monitor.Probing.Atlas;

/// <summary>
/// Reads batches of records in parallel, one batch behind the splitting: <see cref="Add"/> copies a
/// record into the batch being filled; when it is full, <see cref="StepAsync"/> waits for the batch
/// being read, starts reading the full one on the lanes, and gives back the measurements of the one
/// before, in file order. Two record batches and one batch of measurements are alive at a time.
/// </summary>
internal sealed class AtlasParsePipeline(AtlasParseLane[] lanes, AtlasFileStats stats)
{
    private AtlasRecordBatch _filling = new();
    private AtlasRecordBatch _reading = new();
    private readonly List<AtlasMeasurement> _ready = new(AtlasRecordBatch.MaxRecords);
    private Task? _pending;

    /// <summary>Copies a record in; true when the batch is full and <see cref="StepAsync"/> is due.</summary>
    public bool Add(ReadOnlySpan<byte> record)
    {
        _filling.Add(record);
        return _filling.IsFull;
    }

    /// <summary>
    /// Waits for the batch being read, starts the filled one, and returns the measurements read so far
    /// (valid until the next call). Called twice after the last record, it hands out everything.
    /// </summary>
    public async Task<List<AtlasMeasurement>> StepAsync(CancellationToken cancellationToken)
    {
        _ready.Clear();
        if (_pending is not null)
        {
            await _pending.ConfigureAwait(false);
            _pending = null;
            foreach (var lane in lanes)
            {
                _ready.AddRange(lane.Output);
                lane.Output.Clear();
            }
        }

        if (_filling.Count > 0)
        {
            (_reading, _filling) = (_filling, _reading);
            _filling.Clear();
            var batch = _reading;
            _pending = Task.Run(() => Read(batch), cancellationToken);
        }

        return _ready;
    }

    private void Read(AtlasRecordBatch batch)
    {
        var share = (batch.Count + lanes.Length - 1) / lanes.Length;
        Parallel.For(0, lanes.Length, i => lanes[i].Read(batch, Math.Min(i * share, batch.Count), Math.Min((i + 1) * share, batch.Count), stats));
    }
}
