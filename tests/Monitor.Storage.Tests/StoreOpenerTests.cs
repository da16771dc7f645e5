namespace Monitor.Storage.Tests;

public sealed class StoreOpenerTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task OpenAsync_MissingFileForReading_ThrowsStoreOpenException()
    {
        var path = _directory.File("missing.db");

        var ex = await Assert.ThrowsAsync<StoreOpenException>(() => StoreOpener.OpenAsync(path, mustExist: true, TimeProvider.System, TestContext.Current.CancellationToken));

        Assert.Equal($"no database at '{path}'", ex.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task OpenAsync_NotASqliteFile_ThrowsStoreOpenExceptionAndKeepsTheFile()
    {
        var path = _directory.File("notes.db");
        await File.WriteAllTextAsync(path, new string('x', 4096), TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<StoreOpenException>(() => StoreOpener.OpenAsync(path, mustExist: true, TimeProvider.System, TestContext.Current.CancellationToken));

        Assert.StartsWith($"'{path}' is not a usable SQLite database", ex.Message, StringComparison.Ordinal);
        Assert.Equal(new string('x', 4096), await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OpenAsync_NewSqlitePath_CreatesAnEmptyStore()
    {
        var path = _directory.File("new.db");

        await using var store = await StoreOpener.OpenAsync(path, mustExist: false, TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.Equal(0, (await store.GetStatsAsync(TestContext.Current.CancellationToken)).Measurements);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Resolve_AtFile_ReadsTheConnectionStringTrimmed()
    {
        var file = _directory.File("db.txt");
        File.WriteAllText(file, "  Host=/tmp;Database=monitor\n");

        Assert.Equal("Host=/tmp;Database=monitor", StoreOpener.Resolve("@" + file));
    }

    [Fact]
    public void Resolve_AtMissingFile_ThrowsStoreOpenException()
    {
        var file = _directory.File("absent.txt");

        var ex = Assert.Throws<StoreOpenException>(() => StoreOpener.Resolve("@" + file));

        Assert.StartsWith($"cannot read '{file}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db.example;Password=s3cret;Database=m", "auth failed for s3cret", "auth failed for ***")]
    [InlineData("Host=db.example;PWD='p w';Database=m", "bad p w here", "bad *** here")]
    [InlineData("/var/lib/monitor.db", "no password here", "no password here")]
    public void Redact_Message_HidesThePassword(string db, string message, string expected) =>
        Assert.Equal(expected, StoreOpener.Redact(message, db));

    [Theory]
    [InlineData("Host=localhost;Database=monitor", true)]
    [InlineData("host=/run/postgresql", true)]
    [InlineData("monitor.db", false)]
    public void IsPostgres_Value_TellsTheBackend(string db, bool expected) => Assert.Equal(expected, StoreOpener.IsPostgres(db));

    public void Dispose() => _directory.Dispose();
}
