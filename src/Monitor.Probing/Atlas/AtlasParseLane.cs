namespace Monitor.Probing.Atlas;

/// <summary>
/// One thread's share of reading a batch: its own record reader and mapper (their caches are not
/// shared), and the measurements of its slice of the batch in file order. The mapper's results do not
/// depend on which lane read a record: ids, targets and vantage ids are functions of the record.
/// </summary>
internal sealed class AtlasParseLane(string? targetId)
{
    private readonly AtlasRawResult _raw = new();
    private readonly AtlasResultMapper _mapper = new(targetId);

    /// <summary>The measurements of the last slice read.</summary>
    public List<AtlasMeasurement> Output { get; } = new(AtlasRecordBatch.MaxRecords);

    /// <summary>Reads records [<paramref name="from"/>, <paramref name="to"/>) of a batch into <see cref="Output"/>.</summary>
    public void Read(AtlasRecordBatch batch, int from, int to, AtlasFileStats stats)
    {
        Output.Clear();
        for (var i = from; i < to; i++)
        {
            if (_raw.TryRead(batch[i]))
            {
                _mapper.Map(_raw, Output, stats);
            }
            else
            {
                stats.CountResult();
                stats.Count(AtlasDamage.BrokenRecord);
            }
        }
    }
}
