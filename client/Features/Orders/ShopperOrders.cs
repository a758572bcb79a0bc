using System.Security.Claims;
using FlashSale.Client.Auth;
using FlashSale.Orders;

namespace FlashSale.Client.Features.Orders;

/// <summary>What every order handler works with, bound once per request (<c>[AsParameters]</c>): who asks, where orders live, the shop's time.</summary>
public readonly record struct ShopperOrders(ClaimsPrincipal User, OrderRouter Orders, IGrainFactory Grains, ShopClock Clock)
{
    /// <summary>The signed-in shopper (the shopper policy guarantees the claim).</summary>
    public string CustomerId => User.FindFirstValue(ShopperTokens.CustomerClaim)!;

    public DateTimeOffset Now => Clock.GetUtcNow();
}
