using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.Protocols;

namespace Quantify.Tests.Ingestion;

/// <summary>
/// How the single writer's batches are formed: messages that arrive within the delay go into one batch in arrival
/// order; a batch closes when its oldest message has waited the delay or as soon as it is full; a backlog that already
/// waited is taken at once; a batch that cannot be committed leaves every one of its messages unacknowledged. Time is a
/// manual clock, so the delay is exact.
/// </summary>
public sealed class BatchingSinkTests : IAsyncLifetime
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(20);
    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
    private readonly RecordingProcessor processor = new();
    private BatchingSink sink = null!;

    public async Task InitializeAsync() => await StartAsync(maxBatchSize: 100);

    public async Task DisposeAsync()
    {
        processor.Release();
        await sink.StopAsync(CancellationToken.None);
        sink.Dispose();
    }

    private async Task StartAsync(int maxBatchSize)
    {
        if (sink is not null) await DisposeAsync();
        sink = new BatchingSink(processor, new BatchingOptions { MaxBatchSize = maxBatchSize, MaxDelay = Delay }, clock, NullLogger<BatchingSink>.Instance);
        await sink.StartAsync(CancellationToken.None);
    }

    [Fact]
    public async Task MessagesArrivingWithinTheDelay_AreOneBatch_InArrivalOrder_ClosedWhenTheOldestHasWaitedTheDelay()
    {
        var first = Accept("m1");
        await Eventually.TrueAsync(() => clock.PendingTimers == 1, "the worker sleeping on the first message");
        clock.Advance(TimeSpan.FromMilliseconds(12));
        var later = new[] { Accept("m2"), Accept("m3") };

        clock.Advance(TimeSpan.FromMilliseconds(7)); // 19 ms after the first: not yet due
        await Task.Delay(50);
        Assert.Empty(processor.Batches);
        Assert.False(first.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1)); // 20 ms: due, counted from the oldest message, not the newest
        await Task.WhenAll([first, .. later]).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["m1,m2,m3"], processor.Batches);
        Assert.Equal(3, sink.Processed);
        Assert.Equal(1, sink.Batches);
    }

    [Fact]
    public async Task AFullBatch_IsProcessedAtOnce_WithoutWaitingForTheDelay()
    {
        await StartAsync(maxBatchSize: 3);
        var first = Accept("m1");
        await Eventually.TrueAsync(() => clock.PendingTimers == 1, "the worker sleeping on the first message");
        var full = new[] { first, Accept("m2"), Accept("m3") };

        // The clock never moves: only the full batch can wake the worker.
        await Task.WhenAll(full).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["m1,m2,m3"], processor.Batches);
        Assert.Equal(0, clock.PendingTimers); // the sleep it cut short left no timer behind
    }

    [Fact]
    public async Task ExactlyAFullBatchQueuedWhileTheWriterIsBusy_GoesAtOnce()
    {
        await StartAsync(maxBatchSize: 2);
        var held = await BusyWriterAsync();
        var full = new[] { Accept("m1"), Accept("m2") }; // nobody is sleeping, so no writer wakes anyone

        processor.Release();
        await Task.WhenAll(full).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["m0", "m1,m2"], processor.Batches);
        await held;
    }

    [Fact]
    public async Task AWallClockSetBack_DoesNotHoldABatchLongerThanTheDelay()
    {
        var held = await BusyWriterAsync();
        var waiting = Accept("m1");
        clock.Advance(TimeSpan.FromHours(-1)); // the clock is corrected backwards while m1 waits

        processor.Release();
        await held;
        await Eventually.TrueAsync(() => clock.PendingTimers == 1, "the worker sleeping on m1");
        clock.Advance(Delay);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["m0", "m1"], processor.Batches);
    }

    [Fact]
    public async Task Stopping_WhileABatchWaits_StartsNoBatch_SoItsMessagesStayUnacknowledged()
    {
        var waiting = Accept("m1");
        await Eventually.TrueAsync(() => clock.PendingTimers == 1, "the worker sleeping on m1");

        await sink.StopAsync(CancellationToken.None);
        Assert.Equal(0, processor.Started);
        Assert.False(waiting.IsCompleted); // no acknowledgement: the broker redelivers it after the restart
    }

    [Fact]
    public async Task MoreThanABatch_IsSplitAtTheLimit_AndTheRestWaitsForItsOwnDelay()
    {
        await StartAsync(maxBatchSize: 2);
        var held = await BusyWriterAsync(); // so the next five queue up together
        var queued = new[] { Accept("m1"), Accept("m2"), Accept("m3"), Accept("m4"), Accept("m5") };
        processor.Release();

        await Task.WhenAll(queued[..4]).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["m0", "m1,m2", "m3,m4"], processor.Batches);
        Assert.False(queued[4].IsCompleted); // alone, not full, and its delay has not passed
        clock.Advance(Delay);
        await queued[4].WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["m0", "m1,m2", "m3,m4", "m5"], processor.Batches);
        await held;
    }

    [Fact]
    public async Task ABacklogThatAlreadyWaitedTheDelay_IsTakenAtOnce()
    {
        var held = await BusyWriterAsync();
        var backlog = new[] { Accept("m1"), Accept("m2") };
        clock.Advance(3 * Delay); // they wait longer than their delay while the first batch is still being written

        processor.Release();
        await Task.WhenAll(backlog).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["m0", "m1,m2"], processor.Batches);
        await held;
    }

    [Fact]
    public async Task ABatchThatCannotBeCommitted_LeavesEveryMessageUnacknowledged_AndTheNextBatchStillRuns()
    {
        processor.FailNext = new InvalidOperationException("database is locked");
        var failed = new[] { Accept("m1"), Accept("m2") };
        await Eventually.TrueAsync(() => clock.PendingTimers == 1, "the worker sleeping on m1");
        clock.Advance(Delay);
        foreach (var t in failed)
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => t.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal("database is locked", ex.Message);
        }
        Assert.Equal(0, sink.Processed);

        var next = Accept("m3");
        await Eventually.TrueAsync(() => clock.PendingTimers == 1, "the worker sleeping on m3");
        clock.Advance(Delay);
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["m1,m2", "m3"], processor.Batches);
        Assert.Equal(1, sink.Processed);
    }

    /// <summary>Starts a batch of one message ("m0") that the processor holds until released: the writer is busy.</summary>
    [Fact]
    public async Task EachMessage_IsPreparedOnTheSendersThread_BeforeItIsQueued_WhileTheWriterIsBusy()
    {
        var held = await BusyWriterAsync();
        var queued = new[] { Accept("m1"), Accept("m2") };
        // Both are prepared although the writer has not taken them yet: the work is off the writer's turn.
        Assert.Equal(["m0", "m1", "m2"], processor.PreparedIds);

        processor.Release();
        await held;
        clock.Advance(Delay);
        await Task.WhenAll(queued).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["m0", "m1,m2"], processor.Batches);
        Assert.Equal(3, processor.ReceivedPrepared);
    }

    private async Task<Task> BusyWriterAsync()
    {
        processor.Hold();
        var held = Accept("m0");
        await Eventually.TrueAsync(() => clock.PendingTimers == 1, "the worker sleeping on m0");
        clock.Advance(Delay);
        await Eventually.TrueAsync(() => processor.Started == 1, "the first batch started");
        return held;
    }

    private Task Accept(string id) =>
        sink.AcceptAsync(new IncomingMessage(MessageSource.Mqtt, "t", ReadOnlyMemory<byte>.Empty, clock.GetUtcNow(), id), CancellationToken.None);

    /// <summary>Records each batch's message ids and what it prepared; can hold a batch until released, or fail the next one.</summary>
    private sealed class RecordingProcessor : IBatchProcessor, IMessagePreparer
    {
        private readonly ConcurrentQueue<string> batches = new();
        private readonly ConcurrentQueue<string> prepared = new();
        private int receivedPrepared;

        public IReadOnlyList<string> PreparedIds => [.. prepared];
        public int ReceivedPrepared => Volatile.Read(ref receivedPrepared);

        public IncomingMessage Prepare(IncomingMessage message)
        {
            prepared.Enqueue(message.MessageId!);
            return message with { Decoded = new DecodedMessage([], [], null) };
        }
        private TaskCompletionSource gate = Open();
        private int started;

        public IReadOnlyList<string> Batches => [.. batches];
        public int Started => Volatile.Read(ref started);
        public Exception? FailNext { get; set; }

        public void Hold() => gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => gate.TrySetResult();

        public async Task ProcessAsync(IReadOnlyList<IncomingMessage> batch, CancellationToken ct)
        {
            Interlocked.Increment(ref started);
            await gate.Task;
            batches.Enqueue(string.Join(",", batch.Select(m => m.MessageId)));
            Interlocked.Add(ref receivedPrepared, batch.Count(m => m.Decoded is not null));
            if (FailNext is { } ex)
            {
                FailNext = null;
                throw ex;
            }
        }

        private static TaskCompletionSource Open()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }
}
