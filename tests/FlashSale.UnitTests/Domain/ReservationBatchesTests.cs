using FlashSale.Orders;
using FlashSale.Promos;

namespace FlashSale.UnitTests.Domain;

/// <summary>
/// A stock shard's promo asks: one call out at a time per redemption grain, the asks that came meanwhile together in
/// the next, each hold told its own answer (or the failure of its own call).
/// </summary>
public sealed class ReservationBatchesTests
{
    private static readonly DateTimeOffset Later = new(2026, 11, 29, 12, 10, 0, TimeSpan.Zero);

    [Fact]
    public async Task Asks_made_while_one_is_out_go_together_in_the_next_call_and_each_gets_its_own_answer()
    {
        var code = new FakeRedemptions();
        var batches = new ReservationBatches();

        var first = batches.Reserve(code, Ask("o1", "c1"));
        var second = batches.Reserve(code, Ask("o2", "c1"));
        var third = batches.Reserve(code, Ask("o3", "c2"));
        Assert.Single(code.Calls);

        code.Answer(PromoReservation.Reserved);
        Assert.Equal(PromoReservation.Reserved, await first);
        Assert.Equal(["o2", "o3"], code.Calls[1].Select(r => r.OrderId));

        code.Answer(PromoReservation.CustomerLimit, PromoReservation.Exhausted);
        Assert.Equal((PromoReservation.CustomerLimit, PromoReservation.Exhausted), (await second, await third));
        Assert.Equal(2, code.Calls.Count);

        // Idle again: the next ask goes out at once, alone.
        var fourth = batches.Reserve(code, Ask("o4", "c3"));
        Assert.Equal(3, code.Calls.Count);
        code.Answer(PromoReservation.Reserved);
        Assert.Equal(PromoReservation.Reserved, await fourth);
    }

    [Fact]
    public async Task A_failed_call_fails_the_holds_it_carried_and_the_next_asks_go_on()
    {
        var code = new FakeRedemptions();
        var batches = new ReservationBatches();

        var first = batches.Reserve(code, Ask("o1", "c1"));
        var second = batches.Reserve(code, Ask("o2", "c2"));
        code.Fail(new TimeoutException("the share did not answer"));
        await Assert.ThrowsAsync<TimeoutException>(() => first);

        code.Answer(PromoReservation.Reserved);
        Assert.Equal(PromoReservation.Reserved, await second);
    }

    [Fact]
    public async Task Each_redemption_grain_has_its_own_line()
    {
        var (shareA, shareB) = (new FakeRedemptions(), new FakeRedemptions());
        var batches = new ReservationBatches();

        var a = batches.Reserve(shareA, Ask("o1", "c1"));
        var b = batches.Reserve(shareB, Ask("o2", "c2"));

        Assert.Equal((1, 1), (shareA.Calls.Count, shareB.Calls.Count));
        shareB.Answer(PromoReservation.Exhausted);
        shareA.Answer(PromoReservation.Reserved);
        Assert.Equal((PromoReservation.Reserved, PromoReservation.Exhausted), (await a, await b));
    }

    private static RedemptionRequest Ask(string orderId, string customerId) => new(orderId, customerId, Later);

    /// <summary>A redemption grain whose answers the test gives, one call at a time.</summary>
    private sealed class FakeRedemptions : IRedemptionGrain
    {
        private readonly Queue<TaskCompletionSource<ImmutableArray<PromoReservation>>> _open = new();

        public List<ImmutableArray<RedemptionRequest>> Calls { get; } = [];

        public Task<ImmutableArray<PromoReservation>> ReserveMany(ImmutableArray<RedemptionRequest> requests)
        {
            Calls.Add(requests);
            var answer = new TaskCompletionSource<ImmutableArray<PromoReservation>>();
            _open.Enqueue(answer);
            return answer.Task;
        }

        public void Answer(params PromoReservation[] outcomes) => _open.Dequeue().SetResult([.. outcomes]);

        public void Fail(Exception error) => _open.Dequeue().SetException(error);

        public Task<PromoReservation> Reserve(string orderId, string customerId, DateTimeOffset releaseAfter) => throw new NotSupportedException();
        public Task Confirm(string orderId) => throw new NotSupportedException();
        public Task Release(string orderId) => throw new NotSupportedException();
        public Task<PromoCounts> GetCounts() => throw new NotSupportedException();
        public Task<PromoCounts> GetTotals() => throw new NotSupportedException();
    }
}
