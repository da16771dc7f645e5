using System.Net;

using Monitor.Core.Domain;
using Monitor.Testing;

namespace Monitor.Probing.Tests;

/// <summary>
/// Replies that come too late, twice, or belong to an earlier probe are never taken as the answer
/// and are counted on the measurement of the probe that saw them (<see cref="Measurement.Discarded"/>,
/// stored per measurement and summed per target by <c>monitor db stats</c>).
/// </summary>
public sealed class LateAndDuplicateReplyTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(300);

    private static Target TargetAt(IPEndPoint endPoint) =>
        new("t", endPoint.Address) { Port = endPoint.Port, Timeout = ShortTimeout };

    private static Task<Measurement> ProbeAsync(DnsProber prober, Target target) =>
        prober.ProbeAsync(target, "vp", TestContext.Current.CancellationToken);

    private static byte[] Answer(ParsedQuery q, string id) =>
        DnsMessageBuilder.ResponseTo(q).Txt(q.Name, q.QClass, id).Build();

    [Fact]
    public async Task ReplyAfterTheTimeout_IsATimeoutAndTheNextProbeTakesOnlyItsOwnAnswer()
    {
        var count = 0;
        await using var server = FakeDnsServer.Start(q => Interlocked.Increment(ref count) == 1
            ? [new FakeReply(Answer(q, "late"), Delay: ShortTimeout * 2)]
            : [new FakeReply(Answer(q, "second"))]);
        var prober = new DnsProber(TimeProvider.System);
        var target = TargetAt(server.EndPoint);

        var first = await ProbeAsync(prober, target);
        await Task.Delay(ShortTimeout * 3, TestContext.Current.CancellationToken); // the late reply is sent meanwhile
        var second = await ProbeAsync(prober, target);

        Assert.Equal(ProbeOutcome.Timeout, first.Outcome);
        Assert.Null(first.Rtt);
        Assert.True(first.Identity.IsEmpty);
        Assert.Equal(ProbeOutcome.Answered, second.Outcome);
        Assert.Equal("second", second.Identity.IdServer?.Text);
        Assert.Equal(0, second.Discarded);
        Assert.Equal(2, server.QueriesReceived);
    }

    [Fact]
    public async Task PreviousProbesReplyArrivingDuringTheNextProbe_IsDiscardedAndCounted()
    {
        ParsedQuery? previous = null;
        await using var server = FakeDnsServer.Start(q =>
        {
            var stale = previous;
            previous = q;

            // The first query is never answered in time; during the second, its answer arrives first,
            // on the second query's socket (as if the kernel had reused the port), then the real one.
            return stale is null ? [] : [new FakeReply(Answer(stale, "stale")), new FakeReply(Answer(q, "fresh"))];
        });
        var prober = new DnsProber(TimeProvider.System);
        var target = TargetAt(server.EndPoint);

        var first = await ProbeAsync(prober, target);
        var second = await ProbeAsync(prober, target);

        Assert.Equal(ProbeOutcome.Timeout, first.Outcome);
        Assert.Equal(ProbeOutcome.Answered, second.Outcome);
        Assert.Equal("fresh", second.Identity.IdServer?.Text);
        Assert.Equal(1, second.Discarded);
    }

    [Fact]
    public async Task OnlyAStaleReply_TimesOutAndCountsIt()
    {
        ParsedQuery? previous = null;
        await using var server = FakeDnsServer.Start(q =>
        {
            var stale = previous;
            previous = q;
            return stale is null ? [] : [new FakeReply(Answer(stale, "stale"))];
        });
        var prober = new DnsProber(TimeProvider.System);
        var target = TargetAt(server.EndPoint);

        await ProbeAsync(prober, target);
        var second = await ProbeAsync(prober, target);

        Assert.Equal(ProbeOutcome.Timeout, second.Outcome);
        Assert.True(second.Identity.IsEmpty);
        Assert.Equal(1, second.Discarded);
    }

    [Theory]
    [InlineData(Transport.Udp)]
    [InlineData(Transport.Tcp)]
    public async Task DuplicatedReply_GivesOneAnswerAndTheDuplicateIsNeverTheNextAnswer(Transport transport)
    {
        var count = 0;
        await using var server = FakeDnsServer.Start(q =>
        {
            var n = Interlocked.Increment(ref count);
            var reply = new FakeReply(Answer(q, $"answer-{n}"));
            return [reply, reply, reply];
        });
        var prober = new DnsProber(TimeProvider.System);
        var target = TargetAt(server.EndPoint) with { Transport = transport };

        var first = await ProbeAsync(prober, target);
        var second = await ProbeAsync(prober, target);

        Assert.Equal(ProbeOutcome.Answered, first.Outcome);
        Assert.Equal("answer-1", first.Identity.IdServer?.Text);
        Assert.Equal(ProbeOutcome.Answered, second.Outcome);
        Assert.Equal("answer-2", second.Identity.IdServer?.Text);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(0, second.Discarded);
    }
}
