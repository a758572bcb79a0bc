namespace FlashSale.Sales;

internal sealed class SaleDirectoryGrain(
    [PersistentState("sale-directory", StorageNames.Main)] IPersistentState<SaleDirectoryState> directory)
    : Grain, ISaleDirectoryGrain
{
    public async Task Add(string saleId)
    {
        if (!directory.State.SaleIds.Contains(saleId))
        {
            directory.State.SaleIds.Add(saleId);
            await directory.WriteStateOrDeactivate(this);
        }
    }

    public Task<ImmutableArray<string>> GetAll() => Task.FromResult(directory.State.SaleIds.ToImmutableArray());
}
