using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Seed.Core.Telemetry;

namespace Seed.Api.Hosting;

/// <summary>
/// OpenTelemetry for both hosts: ASP.NET Core's and Orleans' own meters and traces plus <see cref="SeedMetrics"/>,
/// scraped by Prometheus at <c>/metrics</c>, and sent over OTLP as well when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (the standard OpenTelemetry variables configure the exporter).
/// </summary>
public static class SeedTelemetryExtensions
{
    /// <summary>The Prometheus scrape path.</summary>
    public const string ScrapePath = "/metrics";

    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddSeedTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.Orleans")
                .AddMeter(SeedMetrics.MeterName)
                // The runtime's own meter: GC heap sizes and process working set, to check the catalog's estimated bytes against.
                .AddMeter("System.Runtime")
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource("Microsoft.Orleans.Runtime")
                .AddSource("Microsoft.Orleans.Application"));
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapSeedTelemetry(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(ScrapePath);
        return app;
    }
}
