using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Seed.Api.Tests.Security;

/// <summary>
/// The secured host (API keys as in <see cref="SecuredApiFactory"/>) with a JWT authority configured as an operator
/// would (<c>Seed:Auth:Jwt:Authority</c> and <c>Audience</c>), whose metadata is supplied here instead of fetched: the
/// issuer is the authority and the signing key one that <see cref="Token"/> signs with. Everything else about
/// validation (audience, lifetime, signature, claim names) is the product's own configuration.
/// </summary>
public sealed class JwtApiFactory : SecuredApiFactory
{
    public const string Authority = "https://identity.seed.invalid/realms/seed";
    public const string Audience = "seed-api";

    public SymmetricSecurityKey SigningKey { get; } = NewKey();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:Auth:Jwt:Authority", Authority);
        builder.UseSetting("Seed:Auth:Jwt:Audience", Audience);
        builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            var metadata = new OpenIdConnectConfiguration { Issuer = Authority };
            metadata.SigningKeys.Add(SigningKey);
            jwt.Configuration = metadata;
            // The handler reads metadata only through its configuration manager, which the platform's own
            // post-configuration has already pointed at the authority's (unreachable) discovery document.
            jwt.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(metadata);
        }));
    }

    /// <summary>A token from the authority for the audience, valid for an hour from <paramref name="issuedAt"/> (now by default).</summary>
    public string Token(IReadOnlyDictionary<string, object> claims, DateTime? issuedAt = null, SecurityKey? signWith = null,
        string issuer = Authority, string audience = Audience)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var issued = issuedAt ?? DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued.AddHours(1),
            Claims = claims.ToDictionary(),
            SigningCredentials = new SigningCredentials(signWith ?? SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }

    public static SymmetricSecurityKey NewKey() => new(RandomNumberGenerator.GetBytes(32));
}
