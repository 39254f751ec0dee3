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

namespace Seed.Api.Hosting;

/// <summary>Registers and maps the REST API. Both hosts (co-hosted silo, standalone web client) call these two methods.</summary>
public static class SeedApiExtensions
{
    public static IServiceCollection AddSeedApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<ApiOptions, ApiOptionsValidator>().Bind(configuration.GetSection(ApiOptions.SectionName));
        services.AddProblemDetails();
        services.AddExceptionHandler<ClusterExceptionHandler>();
        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer<EventTypeSchemaTransformer>();
            options.AddOperationTransformer<JsonRequestBodyTransformer>();
        });
        services.TryAddSingleton(TimeProvider.System);
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
        }

        app.MapOpenApi();
        app.MapGet("/", WebPageEndpoints.Get).ExcludeFromDescription();
        // The handlers return IResult and read bodies themselves (to name the JSON path of a parse error), so the
        // document is told what they accept and answer.
        app.MapGet("/healthz", HealthEndpoints.GetAsync).WithName("Health")
            .Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        var v1 = app.MapGroup("/v1").ProducesValidationProblem();
        v1.MapPost("/items", ItemEndpoints.PostItemsAsync).WithName("UpsertItems")
            .WithMetadata(new JsonRequestBody(typeof(ItemBatchRequest))).Produces<ItemBatchResponse>();
        v1.MapPost("/events", EventEndpoints.PostEventsAsync).WithName("PostEvents")
            .WithMetadata(new JsonRequestBody(typeof(EventBatchRequest))).Produces<EventBatchResponse>(StatusCodes.Status202Accepted);
        v1.MapGet("/users/{id}/recommendations", UserEndpoints.GetRecommendationsAsync).WithName("GetRecommendations")
            .Produces<RecommendationResult>();
        v1.MapGet("/users/{id}/recommendations/{itemId}", UserEndpoints.GetItemRankAsync).WithName("GetItemRank")
            .Produces<ItemRankResult>().ProducesProblem(StatusCodes.Status404NotFound);
        v1.MapGet("/users/{id}/interests", UserEndpoints.GetInterestsAsync).WithName("GetInterests")
            .Produces<InterestProfile>();
        v1.MapGet("/users/{id}", UserEndpoints.GetSummaryAsync).WithName("GetUser")
            .Produces<UserSummary>();
        v1.MapDelete("/users/{id}", UserEndpoints.DeleteAsync).WithName("DeleteUser")
            .Produces(StatusCodes.Status204NoContent);
        v1.MapPost("/admin/model/reload", AdminModelEndpoints.ReloadAsync).WithName("ReloadModel")
            .WithMetadata(new JsonRequestBody(typeof(ModelReloadRequest))).Produces<ModelReloadResult>().ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}
