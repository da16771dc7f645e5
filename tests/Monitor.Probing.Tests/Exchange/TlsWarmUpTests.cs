using Monitor.Probing.Exchange;

namespace Monitor.Probing.Tests.Exchange;

public sealed class TlsWarmUpTests
{
    [Fact]
    public async Task RunAsync_InProcessServer_CompletesValidatedTlsExchange() =>
        Assert.True(await TlsWarmUp.RunAsync(TimeProvider.System, TestContext.Current.CancellationToken));

    [Fact]
    public async Task RunAsync_Cancelled_Propagates()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TlsWarmUp.RunAsync(TimeProvider.System, cancelled.Token));
    }
}
