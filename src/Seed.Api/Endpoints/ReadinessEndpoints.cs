using Microsoft.AspNetCore.Http;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Models;
using Seed.Api.Contracts;
using Seed.Api.Hosting;

namespace Seed.Api.Endpoints;

/// <summary>
/// <c>GET /readyz</c> (readiness): 200 once the cluster answers with its models loaded and the host's start-up work
/// (<see cref="StartupReadiness"/>: the silo's demo catalog) is done; 503 with what it still waits for before that, so
/// a load balancer or script sends no traffic to a host whose recommendations would still be empty.
/// </summary>
public static class ReadinessEndpoints
{
    public const string Ready = "ready";
    public const string NotReady = "not_ready";

    public static async Task<IResult> GetAsync(IGrainFactory grains, StartupReadiness readiness, CancellationToken cancellationToken)
    {
        var waitingFor = new List<string>(readiness.Unfinished);
        ModelStatus? models = null;
        CatalogStatistics? catalog = null;
        try
        {
            (models, catalog) = await ClusterProbe.DescribeAsync(grains, cancellationToken);
        }
        catch (Exception ex) when (ClusterProbe.Unreachable(ex, cancellationToken))
        {
            waitingFor.Add("cluster: " + ClusterProbe.Describe(ex));
        }

        var body = new ReadinessResponse(waitingFor.Count == 0 ? Ready : NotReady, waitingFor, models, catalog?.ItemCount);
        return waitingFor.Count == 0 ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
