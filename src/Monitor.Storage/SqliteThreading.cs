using SQLitePCL;

namespace Monitor.Storage;

/// <summary>
/// SQLite's threading mode for this process. The e_sqlite3 library starts serialized: every call on a connection
/// (each step and each column read) takes and releases that connection's mutex, which was 8–9 % of the CPU samples
/// of <c>monitor analyze</c> over 10M rows. Multi-thread mode drops those mutexes; it is safe where no connection
/// (or its statements) is used by two threads at once, as Microsoft.Data.Sqlite's connections never are.
/// </summary>
public static class SqliteThreading
{
    private static readonly Lock Gate = new();
    private static bool? _multiThread;

    /// <summary>
    /// Puts SQLite in multi-thread mode if nothing in this process has initialised it yet: call it before the first
    /// connection, in a process whose every SQLite connection is used by one thread at a time (Hangfire's storage
    /// is not known to be).
    /// </summary>
    /// <returns>True when the process is in multi-thread mode, false when SQLite was already in use.</returns>
    public static bool UseMultiThread()
    {
        lock (Gate)
        {
            if (_multiThread is { } set)
            {
                return set;
            }

            Batteries_V2.Init();
            _multiThread = raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD) == raw.SQLITE_OK;
            return _multiThread.Value;
        }
    }
}
