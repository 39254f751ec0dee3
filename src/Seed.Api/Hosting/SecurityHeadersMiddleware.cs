using Microsoft.AspNetCore.Http;

namespace Seed.Api.Hosting;

/// <summary>
/// Headers that keep browsers from misreading responses (no MIME sniffing), from leaking the page's address to other
/// sites, and from framing the API or the page (clickjacking). The web page adds its own Content-Security-Policy.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private static readonly KeyValuePair<string, string>[] Headers =
    [
        new("X-Content-Type-Options", "nosniff"),
        new("X-Frame-Options", "DENY"),
        new("Referrer-Policy", "no-referrer"),
        new("Cross-Origin-Opener-Policy", "same-origin"),
        new("Cross-Origin-Resource-Policy", "same-origin"),
    ];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Added when the answer starts, not now: the exception handler clears every header before it answers (a
        // chunked body over the limit is refused that way), and that answer needs them as much as any other.
        context.Response.OnStarting(AddHeaders, context.Response);
        return next(context);
    }

    /// <summary>Only where absent, so that an endpoint that sets one of them on purpose keeps its own value.</summary>
    private static Task AddHeaders(object state)
    {
        var headers = ((HttpResponse)state).Headers;
        foreach (var (name, value) in Headers)
        {
            if (!headers.ContainsKey(name))
            {
                headers[name] = value;
            }
        }

        return Task.CompletedTask;
    }
}
