using Monitor.Core.Domain;

namespace Monitor.Storage;

/// <summary>
/// A whole store: the measurement log, the catalog and the worker board over one database. One class
/// implements all three; a caller takes the narrowest interface it needs.
/// </summary>
public interface IMeasurementStore : IMeasurementLog, IStoreCatalog, IWorkerBoard, IImportLog, IRetention, IAsyncDisposable
{
    /// <summary>A description of where the data is, without secrets.</summary>
    string Description { get; }
}
