using FlashSale.Domain;

namespace FlashSale.Client.Features.Sales;

public sealed record ShopSaleItemView(
    string Sku, string Name, string Description, string Category, string? ImageUrl,
    Money Price, Money ListPrice, Money? PriorPrice, int Available, int Stock, int PerCustomerLimit,
    string Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset ServerTime,
    string? ShipsFrom, bool Local, DeliveryByView DeliveryBy, RatingView Rating);
