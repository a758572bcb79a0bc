namespace FlashSale.Client.Outcomes;

public static class OpenApiOutcomes
{
    /// <summary>Documents each refusal an endpoint can answer with (all ProblemDetails), so the OpenAPI document lists every outcome.</summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
        }
        return builder;
    }
}
