using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Seed.Api.Tests;

/// <summary><c>Seed:Dashboard:Enabled=false</c>: the silo runs without the dashboard (and its per-call profiler).</summary>
public sealed class DashboardSwitchTests : IClassFixture<DashboardSwitchTests.NoDashboardFactory>
{
    private readonly HttpClient _client;

    public DashboardSwitchTests(NoDashboardFactory factory) => _client = factory.CreateClient();

    [Fact]
    public async Task The_dashboard_can_be_switched_off_and_the_api_still_serves()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/healthz")).StatusCode);
    }

    public sealed class NoDashboardFactory : SeedApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Seed:Dashboard:Enabled", "false");
        }
    }
}
