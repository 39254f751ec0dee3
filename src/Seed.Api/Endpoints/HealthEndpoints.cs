using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Grains;
using Seed.Api.Contracts;

namespace Seed.Api.Endpoints;

/// <summary><c>GET /healthz</c>: can the cluster be reached, and which models does it serve with.</summary>
public static class HealthEndpoints
{
    public static async Task<IResult> GetAsync(IGrainFactory grains, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var models = await grains.GetGrain<IEncoderGrain>(0).DescribeAsync().WaitAsync(timeout.Token);
            var catalog = await grains.GetGrain<ICatalogGrain>(0).GetStatisticsAsync().WaitAsync(timeout.Token);
            return TypedResults.Ok(new HealthResponse("healthy", models, catalog.ItemCount, catalog.ShardCount, null));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return TypedResults.Json(
                new HealthResponse("unhealthy", null, null, null, ex.GetType().Name + ": " + ex.Message),
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
