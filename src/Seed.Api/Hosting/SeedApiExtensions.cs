using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Seed.Api.Endpoints;

namespace Seed.Api.Hosting;

/// <summary>Registers and maps the REST API. Both hosts (co-hosted silo, standalone web client) call these two methods.</summary>
public static class SeedApiExtensions
{
    public static IServiceCollection AddSeedApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName));
        services.AddProblemDetails();
        services.AddExceptionHandler<ClusterExceptionHandler>();
        services.AddOpenApi();
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
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
        app.MapGet("/healthz", HealthEndpoints.GetAsync).WithName("Health");
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/items", ItemEndpoints.PostItemsAsync).WithName("UpsertItems");
        v1.MapPost("/events", EventEndpoints.PostEventsAsync).WithName("PostEvents");
        v1.MapGet("/users/{id}/recommendations", UserEndpoints.GetRecommendationsAsync).WithName("GetRecommendations");
        v1.MapGet("/users/{id}/recommendations/{itemId}", UserEndpoints.GetItemRankAsync).WithName("GetItemRank");
        v1.MapGet("/users/{id}/interests", UserEndpoints.GetInterestsAsync).WithName("GetInterests");
        v1.MapGet("/users/{id}", UserEndpoints.GetSummaryAsync).WithName("GetUser");
        v1.MapDelete("/users/{id}", UserEndpoints.DeleteAsync).WithName("DeleteUser");
        return app;
    }
}
