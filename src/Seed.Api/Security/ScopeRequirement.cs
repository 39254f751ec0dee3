using Microsoft.AspNetCore.Authorization;

namespace Seed.Api.Security;

/// <summary>An endpoint's one required scope; the policy of the same name holds it.</summary>
public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;
