using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Seed.Abstractions.Models;
using Seed.Abstractions.Users;
using Seed.Api.Contracts;
using Seed.Api.Endpoints;
using Seed.Api.Security;

namespace Seed.Api.Hosting;

/// <summary>Registers and maps the REST API. Both hosts (co-hosted silo, standalone web client) call these two methods.</summary>
public static class SeedApiExtensions
{
    public static IServiceCollection AddSeedApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<ApiOptions, ApiOptionsValidator>().Bind(configuration.GetSection(ApiOptions.SectionName));
        services.AddSeedSecurity(configuration);
        services.AddProblemDetails();
        services.AddExceptionHandler<ClusterExceptionHandler>();
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer<EventTypeSchemaTransformer>();
            options.AddOperationTransformer<JsonRequestBodyTransformer>();
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StartupReadiness>();
        services.AddSeedTelemetry(configuration, System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "seed");
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapSeedApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app is IApplicationBuilder builder)
        {
            builder.UseExceptionHandler();
            builder.UseStatusCodePages();
            builder.UseSeedSecurity();
        }

        app.MapOpenApi();
        app.MapSeedTelemetry();
        WebPageEndpoints.Map(app);
        // The handlers return IResult and read bodies themselves (to name the JSON path of a parse error), so the
        // document is told what they accept and answer. Each endpoint needs one scope (Scopes) and spends from the
        // caller's write or read budget (Seed:RateLimits); health stays open for load balancers and probes.
        app.MapGet("/healthz", HealthEndpoints.GetAsync).WithName("Health")
            .Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/readyz", ReadinessEndpoints.GetAsync).WithName("Readiness")
            .Produces<ReadinessResponse>().Produces<ReadinessResponse>(StatusCodes.Status503ServiceUnavailable);
        var v1 = app.MapGroup("/v1").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status429TooManyRequests);
        v1.MapPost("/items", ItemEndpoints.PostItemsAsync).WithName("UpsertItems")
            .WithMetadata(new JsonRequestBody(typeof(ItemBatchRequest))).Produces<ItemBatchResponse>()
            .RequireAuthorization(Scopes.ItemsWrite).RequireRateLimiting(SeedSecurityExtensions.WritePolicy);
        v1.MapPost("/events", EventEndpoints.PostEventsAsync).WithName("PostEvents")
            .WithMetadata(new JsonRequestBody(typeof(EventBatchRequest))).Produces<EventBatchResponse>(StatusCodes.Status202Accepted)
            .RequireAuthorization(Scopes.EventsWrite).RequireRateLimiting(SeedSecurityExtensions.WritePolicy);
        v1.MapGet("/users/{id}/recommendations", UserEndpoints.GetRecommendationsAsync).WithName("GetRecommendations")
            .Produces<RecommendationResult>()
            .RequireAuthorization(Scopes.UsersRead).RequireRateLimiting(SeedSecurityExtensions.ReadPolicy);
        v1.MapGet("/users/{id}/recommendations/{itemId}", UserEndpoints.GetItemRankAsync).WithName("GetItemRank")
            .Produces<ItemRankResult>().ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Scopes.UsersRead).RequireRateLimiting(SeedSecurityExtensions.ReadPolicy);
        v1.MapGet("/users/{id}/interests", UserEndpoints.GetInterestsAsync).WithName("GetInterests")
            .Produces<InterestProfile>()
            .RequireAuthorization(Scopes.UsersRead).RequireRateLimiting(SeedSecurityExtensions.ReadPolicy);
        v1.MapGet("/users/{id}", UserEndpoints.GetSummaryAsync).WithName("GetUser")
            .Produces<UserSummary>()
            .RequireAuthorization(Scopes.UsersRead).RequireRateLimiting(SeedSecurityExtensions.ReadPolicy);
        v1.MapGet("/users/{id}/export", UserEndpoints.ExportAsync).WithName("ExportUser")
            .Produces<UserExport>()
            .RequireAuthorization(Scopes.UsersAdmin).RequireRateLimiting(SeedSecurityExtensions.ReadPolicy);
        v1.MapDelete("/users/{id}", UserEndpoints.DeleteAsync).WithName("DeleteUser")
            .Produces(StatusCodes.Status204NoContent)
            .RequireAuthorization(Scopes.UsersAdmin).RequireRateLimiting(SeedSecurityExtensions.WritePolicy);
        v1.MapPost("/admin/model/reload", AdminModelEndpoints.ReloadAsync).WithName("ReloadModel")
            .WithMetadata(new JsonRequestBody(typeof(ModelReloadRequest))).Produces<ModelReloadResult>().ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(Scopes.Admin).RequireRateLimiting(SeedSecurityExtensions.WritePolicy);
        return app;
    }
}
