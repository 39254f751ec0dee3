using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Seed.Api.Hosting;

namespace Seed.Api.Security;

/// <summary>
/// What makes the API safe to put on a network: authentication (API keys, JWT bearer), one scope per endpoint, rate
/// limits per caller, and request limits (body, headers, JSON depth, time). All of it is the platform's: ASP.NET
/// Core authentication and authorization, its rate limiter and request timeouts, and Kestrel's limits.
/// </summary>
public static class SeedSecurityExtensions
{
    /// <summary>The scheme that picks API key or JWT for each request.</summary>
    public const string SchemeName = "Seed";

    public const string WritePolicy = "writes";

    public const string ReadPolicy = "reads";

    public static IServiceCollection AddSeedSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<AuthOptions, AuthOptionsValidator>()
            .Bind(configuration.GetSection(AuthOptions.SectionName))
            .PostConfigure<IHostEnvironment>((auth, environment) => auth.Enabled ??= !environment.IsDevelopment());
        services.AddOptionsWithValidateOnStart<RateLimitOptions, RateLimitOptionsValidator>()
            .Bind(configuration.GetSection(RateLimitOptions.SectionName));
        services.AddSingleton<ApiKeyStore>();
        services.AddHostedService<OpenAccessWarning>();
        AddAuthentication(services);
        AddAuthorization(services);
        AddRateLimits(services);
        AddRequestLimits(services);
        return services;
    }

    /// <summary>
    /// The middleware, in order: security headers on every answer, the body-size check before anything reads a body,
    /// then (once routing has picked the endpoint) who is calling, whether they may, whether they are within budget,
    /// and the time limit.
    /// </summary>
    public static IApplicationBuilder UseSeedSecurity(this IApplicationBuilder app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        return app;
    }

    private static void AddAuthentication(IServiceCollection services)
    {
        services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "API key or JWT bearer", scheme => scheme.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>((jwt, auth) =>
        {
            var settings = auth.Value.Jwt;
            jwt.Authority = settings.Authority;
            jwt.Audience = settings.Audience;
            jwt.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            jwt.TokenValidationParameters.ValidateAudience = !string.IsNullOrEmpty(settings.Audience);
            // Keep the token's own claim names ("scope", "sub") instead of the WS-Federation URIs they map to by default.
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.NameClaimType = "sub";
        });
    }

    /// <summary>
    /// A bearer credential shaped like a JWT (three dot-separated parts) goes to the JWT handler when an authority is
    /// configured; everything else is an API key.
    /// </summary>
    private static string SelectScheme(HttpContext context)
    {
        var auth = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        return auth.HasJwtAuthority
            && context.Request.Headers.Authorization.ToString() is var header
            && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && header.Count(character => character == '.') == 2
            ? JwtBearerDefaults.AuthenticationScheme
            : ApiKeyAuthenticationHandler.SchemeName;
    }

    private static void AddAuthorization(IServiceCollection services)
    {
        var policies = services.AddAuthorizationBuilder();
        foreach (var scope in Scopes.All)
        {
            policies.AddPolicy(scope, policy => policy.AddRequirements(new ScopeRequirement(scope)));
        }

        services.AddSingleton<IAuthorizationHandler, ScopeAuthorizationHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemDetailsAuthorizationResultHandler>();
    }

    private static void AddRateLimits(IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(WritePolicy, context => Partition(context, WritePolicy, limits => (limits.WritesPerPeriod, limits.WriteBurst)));
            limiter.AddPolicy(ReadPolicy, context => Partition(context, ReadPolicy, limits => (limits.ReadsPerPeriod, limits.ReadBurst)));
            limiter.OnRejected = async (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await ProblemResponses.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests; nothing was changed.",
                    $"This caller's budget ({RateLimitOptions.SectionName}) is spent; retry after {retryAfter} s.");
            };
        });
    }

    /// <summary>One token bucket per caller and budget: the authenticated name, else the client address.</summary>
    private static RateLimitPartition<string> Partition(HttpContext context, string budget, Func<RateLimitOptions, (int PerPeriod, int Burst)> select)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (!limits.Enabled)
        {
            return RateLimitPartition.GetNoLimiter("off");
        }

        var caller = context.User.Identity is { IsAuthenticated: true, Name: { } name }
            ? "key:" + name
            : "address:" + context.Connection.RemoteIpAddress;
        var (perPeriod, burst) = select(limits);
        return RateLimitPartition.GetTokenBucketLimiter(budget + "|" + caller, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = limits.Period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static void AddRequestLimits(IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) =>
        {
            kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = api.Value.MaxRequestHeadersTotalBytes;
            kestrel.AddServerHeader = false;
        });
        services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>().Configure<IOptions<ApiOptions>>((json, api) =>
            json.SerializerOptions.MaxDepth = api.Value.MaxJsonDepth);
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<ApiOptions>>((timeouts, api) =>
            timeouts.DefaultPolicy = new RequestTimeoutPolicy { Timeout = api.Value.RequestTimeout });
    }
}
