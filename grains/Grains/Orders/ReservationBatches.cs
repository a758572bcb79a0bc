using FlashSale.Promos;

namespace FlashSale.Orders;

/// <summary>
/// A stock shard's asks for promo redemptions, one call at a time to each redemption grain: the holds that arrive while
/// an ask is out wait and go together in the next (<see cref="IRedemptionGrain.ReserveMany"/>), the way a group commit
/// batches writes. A stampede on one code then costs a call per batch instead of one per hold; every hold still waits
/// for the redemption's write before its own. Used from the grain's turns only (no locks).
/// </summary>
internal sealed class ReservationBatches
{
    /// <summary>The most asks in one call (a message stays small; the rest go in the next).</summary>
    private const int MaxBatch = 512;

    /// <summary>By grain (a grain reference equals another of the same grain); removed when its last ask is answered.</summary>
    private readonly Dictionary<IRedemptionGrain, Batch> _batches = [];

    public Task<PromoReservation> Reserve(IRedemptionGrain grain, RedemptionRequest request)
    {
        if (!_batches.TryGetValue(grain, out var batch))
        {
            _batches[grain] = batch = new Batch(grain);
        }
        var answer = new TaskCompletionSource<PromoReservation>(TaskCreationOptions.RunContinuationsAsynchronously);
        batch.Waiting.Add((request, answer));
        if (batch.Waiting.Count == 1 && !batch.Sending)
        {
            _ = Send(batch);
        }
        return answer.Task;
    }

    private async Task Send(Batch batch)
    {
        batch.Sending = true;
        while (batch.Waiting.Count > 0)
        {
            var sending = batch.Waiting.Take(MaxBatch).ToList();
            batch.Waiting.RemoveRange(0, sending.Count);
            try
            {
                var outcomes = await batch.Grain.ReserveMany([.. sending.Select(ask => ask.Request)]);
                for (var i = 0; i < sending.Count; i++)
                {
                    sending[i].Answer.TrySetResult(outcomes[i]);
                }
            }
            catch (Exception e)
            {
                // Each hold of the batch fails as its own call would have (its outcome unknown: the caller may repeat it).
                foreach (var ask in sending)
                {
                    ask.Answer.TrySetException(e);
                }
            }
        }
        batch.Sending = false;
        _batches.Remove(batch.Grain);
    }

    private sealed class Batch(IRedemptionGrain grain)
    {
        public IRedemptionGrain Grain { get; } = grain;
        public bool Sending { get; set; }
        public List<(RedemptionRequest Request, TaskCompletionSource<PromoReservation> Answer)> Waiting { get; } = [];
    }
}
