namespace Seed.Api.Security;

/// <summary>
/// <c>Seed:Auth:Jwt</c>: bearer tokens from an identity provider. Without an <see cref="Authority"/> only API keys
/// are accepted. Scopes come from the token's <c>scope</c> (or Entra ID's <c>scp</c>) claim.
/// </summary>
public sealed class JwtAuthOptions
{
    /// <summary>The issuer whose OpenID Connect metadata names the signing keys, e.g. <c>https://login.example.com/realm</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for; when empty the audience is not checked.</summary>
    public string? Audience { get; set; }

    /// <summary>Only for a development identity provider on plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
