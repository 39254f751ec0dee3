using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Seed.Client;

/// <summary>
/// Starts an Orleans client host bound to gateways given as <c>ip:port[,ip:port...]</c>, for tools that are pointed at a cluster
/// on the command line. Static clustering: such a tool needs no membership table (and so no database) to connect;
/// the web front, a long-lived client, takes its clustering from configuration instead.
/// </summary>
public static class GatewayClientHost
{
    /// <summary>
    /// Parses <paramref name="gateways"/>, one <c>ip:port</c> or several separated by commas; <paramref name="optionName"/>
    /// is how the user wrote it, for the error.
    /// </summary>
    public static IPEndPoint[] ParseGateways(string gateways, string optionName)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        return [.. gateways.Split(',').Select(gateway => IPEndPoint.TryParse(gateway, out var endpoint)
            ? endpoint
            : throw new ArgumentException($"{optionName}{gateways}: '{gateway}' is not host:port with an IP address (e.g. {optionName}127.0.0.1:30000).", nameof(gateways)))];
    }

    /// <summary>Builds and starts the client host; the caller owns it (stop and dispose it when done).</summary>
    public static async Task<IHost> StartAsync(IPEndPoint[] gateways, string clusterId, string serviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client => client
                .UseStaticClustering(gateways)
                .Configure<ClusterOptions>(options => { options.ClusterId = clusterId; options.ServiceId = serviceId; }))
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }
}
