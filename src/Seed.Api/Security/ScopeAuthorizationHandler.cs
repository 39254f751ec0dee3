using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Seed.Api.Security;

/// <summary>
/// Grants a <see cref="ScopeRequirement"/> when the caller holds the scope, or to everyone when
/// <c>Seed:Auth:Enabled</c> is off: the endpoints keep their policies either way, so turning auth on cannot miss one.
/// </summary>
public sealed class ScopeAuthorizationHandler(IOptions<AuthOptions> options) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (!options.Value.IsEnabled || HasScope(context, requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    /// <summary>API keys carry one claim per scope; OAuth 2.0 tokens one space-separated claim.</summary>
    private static bool HasScope(AuthorizationHandlerContext context, string scope) =>
        context.User.Identity?.IsAuthenticated == true
        && context.User.Claims
            .Where(claim => claim.Type is Scopes.ClaimType or Scopes.EntraClaimType)
            .Any(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal));
}
