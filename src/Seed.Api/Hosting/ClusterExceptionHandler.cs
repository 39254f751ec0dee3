using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Seed.Abstractions.Events;

namespace Seed.Api.Hosting;

/// <summary>
/// Turns failures to reach the cluster into 503 with Retry-After (clients should retry; event ids make retries
/// safe), argument errors raised inside grains into 400, and the server's own refusals while reading a body (too large,
/// too slow) into their status. Anything else stays a 500.
/// </summary>
public sealed class ClusterExceptionHandler(IProblemDetailsService problemDetails, ILogger<ClusterExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, title) = Classify(exception);
        if (status is null)
        {
            return false;
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "Cluster unavailable while serving {Path}", httpContext.Request.Path);
            httpContext.Response.Headers.RetryAfter = "1";
        }

        httpContext.Response.StatusCode = status.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = exception.Message },
        });
    }

    private static (int? Status, string Title) Classify(Exception exception) => exception switch
    {
        // The server refused the request itself while the body was read: a chunked body past Seed:Api:MaxRequestBodyBytes
        // (413), a body that arrived too slowly, a malformed chunk.
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
            => (StatusCodes.Status413PayloadTooLarge, "The request body is too large; nothing was changed."),
        BadHttpRequestException bad => (bad.StatusCode, "The request could not be read; nothing was changed."),
        ArgumentException => (StatusCodes.Status400BadRequest, "The request is invalid; nothing was changed."),
        // The durable store (event log, grain state, items) is down: nothing was acknowledged; retrying is safe.
        StorageUnavailableException or System.Data.Common.DbException
            => (StatusCodes.Status503ServiceUnavailable, "Storage is unavailable; retry shortly."),
        SiloUnavailableException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException or GatewayTooBusyException or TimeoutException
            => (StatusCodes.Status503ServiceUnavailable, "The cluster is unavailable; retry shortly."),
        _ when exception.InnerException is { } inner => Classify(inner),
        _ => (null, ""),
    };
}
