using System.Reflection;

using Monitor.Cli.Import;
using Monitor.Core.Domain;
using Monitor.Probing.Atlas;
using Monitor.Storage;
using Monitor.Testing;

namespace Monitor.Cli.Tests.Import;

/// <summary>
/// An import that fails half-way (the database refuses a write) leaves every batch it committed
/// whole and nothing of the batch that failed; the same file imported again completes it without
/// duplicates. The store is the real SQLite store; only the failing write is injected.
/// </summary>
public sealed class AtlasImportFailureTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("monitor-import-failure-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task ImportAsync_WriteFailsAtTheThirdBatch_TwoWholeBatchesStoredAndASecondImportCompletes()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(_dir.FullName, "atlas.json");
        AtlasSyntheticSummary summary;
        await using (var file = File.Create(path))
        {
            summary = AtlasSyntheticResults.Write(file, new AtlasSyntheticOptions { Results = (AtlasImport.BatchSize * 3) + 1234, Probes = 50, Seed = 11 });
        }

        var db = Path.Combine(_dir.FullName, "atlas.db");
        var options = new AtlasImportOptions(null, null, null, null);
        await using (var store = await StoreOpener.OpenAsync(db, mustExist: false, TimeProvider.System, ct))
        {
            var failing = FailingWrites.Wrap(store, failAt: 3);
            await using var input = File.OpenRead(path);
            var error = await Assert.ThrowsAsync<IOException>(() => new AtlasImport(failing, options, TimeProvider.System).ImportAsync(input, new AtlasFileStats(path), ct));
            Assert.Contains("injected", error.Message, StringComparison.Ordinal);
            Assert.Equal(2 * AtlasImport.BatchSize, (await store.GetStatsAsync(ct)).Measurements);
        }

        await using (var store = await StoreOpener.OpenAsync(db, mustExist: true, TimeProvider.System, ct))
        {
            await using var input = File.OpenRead(path);
            var stored = await new AtlasImport(store, options, TimeProvider.System).ImportAsync(input, new AtlasFileStats(path), ct);

            Assert.Equal(summary.Results - (2 * AtlasImport.BatchSize), stored);
            Assert.Equal(summary.Results, (await store.GetStatsAsync(ct)).Measurements);
        }
    }

    /// <summary>
    /// Forwards every call to the real store; the n-th import write gets a list of measurements that
    /// throws half-way through, while the store is inside its transaction writing them.
    /// </summary>
    public class FailingWrites : DispatchProxy
    {
        private IMeasurementStore _inner = null!;
        private int _failAt;
        private int _writes;

        public static IMeasurementStore Wrap(IMeasurementStore inner, int failAt)
        {
            var proxy = Create<IMeasurementStore, FailingWrites>();
            var self = (FailingWrites)(object)proxy;
            self._inner = inner;
            self._failAt = failAt;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IImportLog.WriteImportAsync) && ++_writes == _failAt)
            {
                args![1] = new BreaksHalfWay((IReadOnlyList<Measurement>)args[1]!);
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }
    }

    /// <summary>A batch whose second half cannot be read: reading item n/2 throws.</summary>
    private sealed class BreaksHalfWay(IReadOnlyList<Measurement> inner) : IReadOnlyList<Measurement>
    {
        public int Count => inner.Count;

        public Measurement this[int index] => index < inner.Count / 2 ? inner[index] : throw new IOException("injected: the batch broke half-way");

        public IEnumerator<Measurement> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
