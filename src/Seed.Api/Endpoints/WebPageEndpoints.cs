using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Seed.Api.Endpoints;

/// <summary>
/// <c>GET /</c>: a web page over the REST API (recommendations, one-click events, interests), with its script and
/// style sheet. They are embedded in the assembly so both hosts serve them without a static-files folder to deploy.
/// The script and styles are separate files so that the Content-Security-Policy can forbid inline script and style
/// (the usual way injected markup runs), and the page may talk to this origin only.
/// </summary>
public static class WebPageEndpoints
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void Map(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        MapResource(app, "/", "index.html", "text/html; charset=utf-8");
        MapResource(app, "/app.js", "app.js", "text/javascript; charset=utf-8");
        MapResource(app, "/app.css", "app.css", "text/css; charset=utf-8");
    }

    private static void MapResource(IEndpointRouteBuilder app, string path, string name, string contentType)
    {
        var content = new Lazy<string>(() =>
        {
            using var stream = typeof(WebPageEndpoints).Assembly.GetManifestResourceStream("Seed.Api.Web." + name)
                ?? throw new InvalidOperationException($"The embedded web file {name} is missing from Seed.Api.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        });
        app.MapGet(path, (HttpContext context) =>
        {
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            context.Response.Headers.CacheControl = "no-cache";
            return TypedResults.Content(content.Value, contentType);
        }).ExcludeFromDescription();
    }
}
