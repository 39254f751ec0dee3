using Microsoft.AspNetCore.Http;

namespace Seed.Api.Endpoints;

/// <summary>
/// <c>GET /</c>: a one-file web page over the REST API (recommendations, one-click events, interests). It is
/// embedded in the assembly so both hosts serve it without a static-files folder to deploy.
/// </summary>
public static class WebPageEndpoints
{
    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(WebPageEndpoints).Assembly.GetManifestResourceStream("Seed.Api.Web.index.html")
            ?? throw new InvalidOperationException("The embedded web page is missing from Seed.Api.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static IResult Get() => TypedResults.Content(Page.Value, "text/html; charset=utf-8");
}
