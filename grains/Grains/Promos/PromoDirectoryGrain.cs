namespace FlashSale.Promos;

internal sealed class PromoDirectoryGrain(
    [PersistentState("promo-directory", StorageNames.Main)] IPersistentState<PromoDirectoryState> directory)
    : Grain, IPromoDirectoryGrain
{
    public async Task Add(string code)
    {
        if (directory.State.Codes.Contains(code))
        {
            return;
        }
        directory.State.Codes.Add(code);
        if (directory.State.Codes.Count > IPromoDirectoryGrain.MaxListed)
        {
            directory.State.Codes.RemoveRange(0, directory.State.Codes.Count - IPromoDirectoryGrain.MaxListed);
        }
        await directory.WriteStateOrDeactivate(this);
    }

    public Task<ImmutableArray<string>> Search(string search, int take) =>
        Task.FromResult(Enumerable.Reverse(directory.State.Codes)
            .Where(code => code.Contains(search, StringComparison.OrdinalIgnoreCase))
            .Take(take)
            .ToImmutableArray());
}
