using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Seed.Api.Security;

/// <summary>
/// Authenticates a request by the API key it presents: <c>X-API-Key: KEY</c>, <c>Authorization: Bearer KEY</c>, or
/// <c>Authorization: Basic</c> with the key as the password (what a browser sends after its own login prompt, the only
/// way to present a key to the dashboard's pages). The identity's name is the key's configured name, and it carries one
/// <see cref="Scopes.ClaimType"/> claim per scope.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public const string HeaderName = "X-API-Key";

    /// <summary>Pages under this path are opened by a browser, which can answer only a Basic challenge.</summary>
    public const string DashboardPath = "/dashboard";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(presented) is not { } key)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not one of the configured keys."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, key.Name), .. key.Scopes.Select(scope => new Claim(Scopes.ClaimType, scope))], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        // A Basic challenge makes browsers show a login prompt, wanted for the dashboard's pages but not for the web
        // page's fetch calls, which ask for the key themselves.
        Response.Headers.WWWAuthenticate = Request.Path.StartsWithSegments(DashboardPath, StringComparison.OrdinalIgnoreCase)
            ? "Basic realm=\"Seed\", charset=\"UTF-8\""
            : "Bearer";
        return Task.CompletedTask;
    }

    /// <summary>The key the request presents, or null when it presents none (an anonymous request).</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers[HeaderName] is [{ Length: > 0 } headerKey])
        {
            return headerKey;
        }

        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var authorization) || string.IsNullOrEmpty(authorization.Parameter))
        {
            return null;
        }

        if (string.Equals(authorization.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return authorization.Parameter;
        }

        if (string.Equals(authorization.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            var buffer = new byte[authorization.Parameter.Length];
            if (Convert.TryFromBase64String(authorization.Parameter, buffer, out var length)
                && Encoding.UTF8.GetString(buffer, 0, length) is var credentials && credentials.IndexOf(':', StringComparison.Ordinal) is >= 0 and var colon)
            {
                return credentials[(colon + 1)..];
            }
        }

        return null;
    }
}
