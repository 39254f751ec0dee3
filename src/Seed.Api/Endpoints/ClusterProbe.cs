using Seed.Abstractions.Catalog;
using Seed.Abstractions.Grains;
using Seed.Abstractions.Models;

namespace Seed.Api.Endpoints;

/// <summary>
/// Asks the cluster which models it serves (activating the encoder pool loads the encoder and the interest model) and
/// how large the catalog is, within a few seconds, for the liveness and readiness endpoints.
/// </summary>
internal static class ClusterProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<(ModelStatus Models, CatalogStatistics Catalog)> DescribeAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var models = await grains.GetGrain<IEncoderGrain>(0).DescribeAsync().WaitAsync(timeout.Token);
        var catalog = await grains.GetGrain<ICatalogGrain>(0).GetStatisticsAsync().WaitAsync(timeout.Token);
        return (models, catalog);
    }

    /// <summary>Failures that mean "the cluster did not answer", as opposed to the caller going away.</summary>
    public static bool Unreachable(Exception exception, CancellationToken cancellationToken) =>
        exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    public static string Describe(Exception exception) => exception.GetType().Name + ": " + exception.Message;
}
