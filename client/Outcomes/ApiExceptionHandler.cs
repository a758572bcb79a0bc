using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;

namespace FlashSale.Client.Outcomes;

/// <summary>
/// What a caller sent can never produce a 5xx: unreadable bodies become 400 naming the field; a cluster
/// or database that cannot answer becomes 503 with Retry-After (the outcome is unknown, retry with the
/// same key). Anything else is our bug and stays a 500.
/// </summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ProblemHttpResult? problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problems.PayloadTooLarge(
                context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize),
            BadHttpRequestException bad => FromBadRequest(bad),
            StorageOutcomeUnknownException => OutcomeUnknown(context, exception),
            TimeoutException or OrleansException or SiloUnavailableException or OperationCanceledException
                when !context.RequestAborted.IsCancellationRequested => Unavailable(context, exception),
            _ when IsStorageFault(exception) => Unavailable(context, exception),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        await problem.ExecuteAsync(context);
        return true;
    }

    private ProblemHttpResult OutcomeUnknown(HttpContext context, Exception exception)
    {
        logger.LogWarning("Outcome unknown for {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, exception.Message);
        context.Response.Headers.RetryAfter = "1";
        return Problems.Problem(StatusCodes.Status503ServiceUnavailable, "outcome-unknown", "The outcome is not known yet.",
            "Storage did not confirm the change. Send the same request again with the same Idempotency-Key: it is applied at most once.");
    }

    private ProblemHttpResult Unavailable(HttpContext context, Exception exception)
    {
        logger.LogWarning("Answered 503 to {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, exception.Message);
        context.Response.Headers.RetryAfter = "1";
        return Problems.Unavailable("The platform could not confirm the outcome in time. Retry the same request (same Idempotency-Key); it is safe.");
    }

    private static bool IsStorageFault(Exception exception) =>
        exception is System.Data.Common.DbException or Orleans.Storage.InconsistentStateException
        || (exception.InnerException is { } inner && IsStorageFault(inner));

    private static ProblemHttpResult FromBadRequest(BadHttpRequestException bad)
    {
        if (FindJsonError(bad) is { } json)
        {
            var field = FieldOf(json.Path);
            return Problems.Validation(field, DescribeJsonError(json));
        }
        if (bad.StatusCode == StatusCodes.Status400BadRequest)
        {
            return bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
                ? Problems.Validation("body", "A JSON body is required.")
                : Problems.Validation("request", bad.Message);
        }
        return Problems.Problem(bad.StatusCode, Problems.SlugFor(bad.StatusCode), "The request could not be read.",
            bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "Send the body as application/json." : bad.Message);
    }

    private static JsonException? FindJsonError(Exception? exception) => exception switch
    {
        null => null,
        JsonException json => json,
        _ => FindJsonError(exception.InnerException),
    };

    /// <summary><c>$.items[0].stock</c> becomes <c>items[0].stock</c>; the root becomes <c>body</c>.</summary>
    internal static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string DescribeJsonError(JsonException json) =>
        json.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? "This field is not part of the request: the server derives it or does not know it."
            : json.Path is null or "$"
                ? "The body is not valid JSON of the expected shape."
                : "This value has the wrong type or form.";
}
