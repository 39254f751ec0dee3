using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Seed.Api.Tests;

/// <summary>
/// The real silo host (Seed.Silo's Program) with its own free loopback ports, in-memory storage and the real
/// encoder and interest model the repository ships (the silo's own defaults). The demo catalog is off unless a test
/// class asks for it; authentication and rate limits are off (as in Development) unless a test class turns them on,
/// since the "Testing" environment would otherwise demand keys.
/// </summary>
public class SeedApiFactory : WebApplicationFactory<Program>
{
    protected virtual bool LoadDemoCatalog => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var siloPort = FreePort();
        builder.UseEnvironment("Testing");
        builder.UseSetting("Orleans:ClusterId", "api-tests-" + Guid.NewGuid().ToString("N")[..8]);
        builder.UseSetting("Orleans:Clustering:PrimarySiloEndPoint", $"127.0.0.1:{siloPort}");
        builder.UseSetting("Orleans:Endpoints:SiloPort", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:Endpoints:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Seed:DemoCatalog:Enabled", LoadDemoCatalog ? "true" : "false");
        builder.UseSetting("Seed:Auth:Enabled", "false");
        builder.UseSetting("Seed:RateLimits:Enabled", "false");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
