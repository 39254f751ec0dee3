using Microsoft.AspNetCore.Http;

namespace Seed.Api.Hosting;

/// <summary>
/// Headers that keep browsers from misreading responses (no MIME sniffing), from leaking the page's address to other
/// sites, and from framing the API or the page (clickjacking). The web page adds its own Content-Security-Policy.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        return next(context);
    }
}
