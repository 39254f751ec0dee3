using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Seed.Api.Hosting;

/// <summary>
/// Enforces <see cref="ApiOptions.MaxRequestBodyBytes"/>: a body that declares a larger length is answered 413 before
/// a byte of it is read, and the server's own limit (<see cref="IHttpMaxRequestBodySizeFeature"/>) stops a chunked body
/// at that size, which <see cref="ClusterExceptionHandler"/> then answers with 413 as well. The declared-length check
/// is here rather than left to Kestrel because Kestrel only fails the first read, and servers without the feature
/// (the test server) would otherwise read any length.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large; nothing was changed.",
                $"The body may hold at most {limit} bytes ({ApiOptions.SectionName}:MaxRequestBodyBytes); send smaller batches.");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
        {
            server.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
