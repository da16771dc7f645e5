using Monitor.Core.Domain;
using Monitor.Storage;

namespace Monitor.Bench;

/// <summary>Writes a synthetic network's measurements into a store in batches, one round row per batch.</summary>
internal static class Ingest
{
    public static async Task<long> SeedAsync(IMeasurementStore store, SyntheticNetwork network, long count, int batchSize, CancellationToken cancellationToken)
    {
        await store.UpsertTargetsAsync(network.Targets, SyntheticNetwork.Start, cancellationToken).ConfigureAwait(false);
        foreach (var vp in network.Vantages)
        {
            await store.UpsertVantagePointAsync(vp, SyntheticNetwork.Start, cancellationToken).ConfigureAwait(false);
        }

        long written = 0;
        var batch = new List<Measurement>(batchSize);
        foreach (var m in network.Measurements(count))
        {
            batch.Add(m);
            if (batch.Count == batchSize)
            {
                written += await WriteAsync(store, batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            written += await WriteAsync(store, batch, cancellationToken).ConfigureAwait(false);
        }

        return written;
    }

    private static Task<int> WriteAsync(IMeasurementStore store, List<Measurement> batch, CancellationToken cancellationToken)
    {
        var first = batch[0];
        var round = new Round(Guid.CreateVersion7(first.Started), first.VantageId, first.Started, first.Started, batch[^1].Started, batch.Count, batch.Count(m => m.IsAnswered));
        return store.WriteRoundAsync(round, batch, cancellationToken);
    }
}
