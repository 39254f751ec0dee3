using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Seed.Api.Hosting;

namespace Seed.Api.Security;

/// <summary>
/// Answers a refused request with problem details that say what was missing (a key, or which scope), after the
/// authentication scheme's own challenge or forbid has set its headers (<c>WWW-Authenticate</c>).
/// </summary>
public sealed class ProblemDetailsAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        var scope = policy.Requirements.OfType<ScopeRequirement>().FirstOrDefault()?.Scope;
        if (authorizeResult.Challenged)
        {
            await context.ChallengeAsync();
            await ProblemResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, "An API key or token is required.",
                $"Send a valid key as 'Authorization: Bearer KEY' or '{ApiKeyAuthenticationHandler.HeaderName}: KEY'"
                + (scope is null ? "." : $"; this endpoint needs the scope '{scope}'."));
        }
        else if (authorizeResult.Forbidden)
        {
            await context.ForbidAsync();
            await ProblemResponses.WriteAsync(context, StatusCodes.Status403Forbidden, "The key or token lacks the scope this endpoint needs.",
                scope is null ? "This endpoint is not open to this caller." : $"This endpoint needs the scope '{scope}'.");
        }
        else
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }
}
