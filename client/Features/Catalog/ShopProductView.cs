using FlashSale.Domain;

namespace FlashSale.Client.Features.Catalog;

/// <summary>A product as a shopper in one region sees it.</summary>
public sealed record ShopProductView(
    string Sku,
    string Name,
    string Description,
    string Category,
    string? ImageUrl,
    string Region,
    Money ListPrice,
    string? ShipsFrom,
    bool Local,
    DeliveryByView DeliveryBy,
    RatingView Rating);
