using Microsoft.AspNetCore.Http;
using Seed.Api.Contracts;

namespace Seed.Api.Endpoints;

/// <summary>
/// <c>GET /healthz</c> (liveness): can the cluster be reached, and which models does it serve with. It does not wait
/// for start-up work such as the demo catalog; <c>GET /readyz</c> does.
/// </summary>
public static class HealthEndpoints
{
    public static async Task<IResult> GetAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        try
        {
            var (models, catalog) = await ClusterProbe.DescribeAsync(grains, cancellationToken);
            return TypedResults.Ok(new HealthResponse("healthy", models, catalog.ItemCount, catalog.ShardCount, catalog.Footprint, null));
        }
        catch (Exception ex) when (ClusterProbe.Unreachable(ex, cancellationToken))
        {
            return TypedResults.Json(
                new HealthResponse("unhealthy", null, null, null, null, ClusterProbe.Describe(ex)),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
