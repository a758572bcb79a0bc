namespace FlashSale.Products;

internal sealed class ProductDirectoryGrain(
    [PersistentState("product-directory", StorageNames.Main)] IPersistentState<ProductDirectoryState> directory)
    : Grain, IProductDirectoryGrain
{
    public async Task Add(string sku)
    {
        if (directory.State.Skus.Add(sku))
        {
            await directory.WriteStateOrDeactivate(this);
        }
    }

    public Task<ImmutableArray<string>> GetAll() => Task.FromResult(directory.State.Skus.ToImmutableArray());
}
