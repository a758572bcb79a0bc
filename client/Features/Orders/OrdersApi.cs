using System.Globalization;
using FlashSale.Client.Auth;
using FlashSale.Orders;
using FlashSale.Pricing;
using FlashSale.Sales;

namespace FlashSale.Client.Features.Orders;

public static class OrdersApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public sealed record PayRequest(string? PaymentMethod);

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Shopping").RequireAuthorization(AuthHosting.ShopperPolicy);
        orders.MapPost("/", PlaceOrder).RequireRateLimiting(EdgeRateLimits.Orders).ProducesProblems(400, 401, 404, 409, 422, 429, 503);
        orders.MapGet("/", ListOrders).ProducesProblems(401);
        orders.MapGet("/{id}", GetOrder).ProducesProblems(401, 404);
        orders.MapPost("/{id}/pay", Pay).ProducesProblems(400, 401, 404, 409, 503);
        orders.MapPost("/{id}/cancel", Cancel).ProducesProblems(401, 404, 409, 503);
        return app;
    }

    private static async Task<Results<Created<OrderView>, Accepted<WaitingView>, ProblemHttpResult>> PlaceOrder(
        HttpContext context, QuoteBody body, [AsParameters] ShopperOrders shopper, WaitingRoomGate waitingRoom)
    {
        var key = context.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length is 0 or > 255 || key.Any(char.IsControl))
        {
            return Problems.Validation(IdempotencyHeader, "Required: a header Idempotency-Key of 1-255 characters, new for each order and the same on every retry of it.");
        }
        if (QuoteApi.Check(body) is { } invalid)
        {
            return invalid;
        }
        if (body.SaleId is null)
        {
            return Problems.Validation("saleId", "Required: orders are placed on a sale's items.");
        }
        var request = QuoteApi.ToRequest(body);
        switch (await waitingRoom.Enter(body.SaleId, request.Sku, shopper.CustomerId, key, context.Request.Headers[WaitingRoomTickets.Header].ToString()))
        {
            case WaitingRoomGate.Wait(var waiting):
                context.Response.Headers.RetryAfter = waiting.RetryAfter.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Accepted((string?)null, waiting);
            case WaitingRoomGate.Refused(var problem, var retryAfter):
                if (retryAfter is { } seconds)
                {
                    context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }
                return problem;
        }
        var result = await shopper.Orders.Place(shopper.CustomerId, key, new OrderRequest(body.SaleId, request.Sku, request.Quantity, request.Region, request.PromoCode));
        return OrderRefusals.For(OrderStep.Place, result.Outcome, result.Reason, body.SaleId, body.Sku, request.Region, body.PromoCode) is { } refusal
            ? Problems.Refused(refusal, result.Outcome == OrderOutcome.PromoRejected ? result.Reason ?? "unknown" : null)
            : TypedResults.Created($"/api/orders/{result.Order!.OrderId}", OrderView.Placed(result.Order!, shopper.Now));
    }

    private static async Task<Ok<OrderView[]>> ListOrders([AsParameters] ShopperOrders shopper)
    {
        var orders = await shopper.Grains.GetGrain<IShopperGrain>(shopper.CustomerId).GetOrders();
        return TypedResults.Ok(orders.Select(o => OrderView.From(o, shopper.Now)).ToArray());
    }

    private static async Task<Results<Ok<OrderView>, ProblemHttpResult>> GetOrder(string id, [AsParameters] ShopperOrders shopper)
    {
        // Another shopper's order is "not found", never "forbidden": ids are not confirmed to strangers.
        var order = SaleRules.IsOrderId(id) ? await shopper.Orders.GetOrder(shopper.CustomerId, id) : null;
        return order is null ? Problems.NotFound($"No order '{id}' of yours.", "No such order.") : TypedResults.Ok(OrderView.From(order, shopper.Now));
    }

    private static async Task<Results<Ok<OrderView>, ProblemHttpResult>> Pay(
        string id, PayRequest body, [AsParameters] ShopperOrders shopper)
    {
        if (body.PaymentMethod != "test-card")
        {
            return Problems.Validation("paymentMethod", "This store takes \"test-card\".");
        }
        var result = SaleRules.IsOrderId(id) ? await shopper.Orders.Pay(shopper.CustomerId, id) : OrderResult.Refused(OrderOutcome.NotFound);
        return OrderRefusals.For(OrderStep.Pay, result.Outcome, result.Reason, orderId: id) is { } refusal
            ? Problems.Refused(refusal)
            : TypedResults.Ok(OrderView.From(result.Order!, shopper.Now));
    }

    private static async Task<Results<Ok<OrderView>, ProblemHttpResult>> Cancel(string id, [AsParameters] ShopperOrders shopper)
    {
        var result = SaleRules.IsOrderId(id) ? await shopper.Orders.Cancel(shopper.CustomerId, id) : OrderResult.Refused(OrderOutcome.NotFound);
        return OrderRefusals.For(OrderStep.Cancel, result.Outcome, result.Reason, orderId: id) is { } refusal
            ? Problems.Refused(refusal)
            : TypedResults.Ok(OrderView.From(result.Order!, shopper.Now));
    }
}
