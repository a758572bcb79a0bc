namespace FlashSale;

internal static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state; on any storage error the in-memory state can no longer be trusted (the
    /// write may or may not have committed), so the activation is dropped and reloads from storage
    /// on its next call. The caller sees the error and reports the outcome as unknown.
    /// </summary>
    public static async Task WriteStateOrDeactivate<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            grain.DeactivateOnIdle();
            throw new StorageOutcomeUnknownException(e);
        }
    }
}
