using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Seed.Api.Hosting;
using Seed.Core;
using Seed.Grains.Catalog;
using Seed.Silo.Hosting;

namespace Seed.Api.Tests;

/// <summary>
/// A bad setting stops the real silo host when it starts, before any hosted service (the Orleans silo among them)
/// runs and so before any grain is activated, with a message that names the configuration key; the process prints
/// that message, one line per failure, and exits non-zero.
/// </summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task The_silo_host_fails_to_start_with_an_options_validation_exception_naming_the_key()
    {
        var probe = new StartProbe();
        await using var app = SiloHost(probe, ("Seed:Catalog:ShardCount", "0"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Equal(typeof(CatalogOptions), error.OptionsType);
        Assert.Contains("Seed:Catalog:ShardCount must be between 1 and 4096", error.Message, StringComparison.Ordinal);
        Assert.False(probe.Started);
    }

    [Fact]
    public async Task An_idle_age_shorter_than_the_collection_quantum_stops_the_silo_naming_both_keys()
    {
        var probe = new StartProbe();
        await using var app = SiloHost(probe, ("Orleans:GrainCollection:CollectionAge", "00:00:05"), ("Orleans:GrainCollection:CollectionQuantum", "00:00:10"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Equal(typeof(Orleans.Configuration.GrainCollectionOptions), error.OptionsType);
        Assert.Contains("Orleans:GrainCollection:CollectionAge (00:00:05) must be longer than Orleans:GrainCollection:CollectionQuantum", error.Message, StringComparison.Ordinal);
        Assert.False(probe.Started);
    }

    [Fact]
    public async Task The_silo_sheds_idle_activations_under_memory_pressure_unless_told_otherwise()
    {
        var probe = new StartProbe();
        await using var byDefault = SiloHost(probe);
        await using var configured = SiloHost(probe, ("Orleans:GrainCollection:EnableActivationSheddingOnMemoryPressure", "false"), ("Orleans:GrainCollection:CollectionAge", "00:02:00"));

        Assert.True(Collection(byDefault).EnableActivationSheddingOnMemoryPressure);
        Assert.False(Collection(configured).EnableActivationSheddingOnMemoryPressure);
        Assert.Equal(TimeSpan.FromMinutes(2), Collection(configured).CollectionAge);

        static Orleans.Configuration.GrainCollectionOptions Collection(WebApplication app) =>
            app.Services.GetRequiredService<IOptions<Orleans.Configuration.GrainCollectionOptions>>().Value;
    }

    [Fact]
    public async Task Bad_settings_in_two_sections_are_reported_together()
    {
        var probe = new StartProbe();
        await using var app = SiloHost(probe, ("Seed:Catalog:ShardCount", "0"), ("Seed:Encoder:MaxTokens", "-1"));

        var error = await Assert.ThrowsAsync<AggregateException>(() => app.StartAsync());

        var lines = SettingsValidationHostExtensions.InvalidSettings(error);
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, line => line.Contains("Seed:Catalog:ShardCount must be between 1 and 4096", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Seed:Encoder:MaxTokens must be at least 2", StringComparison.Ordinal));
        Assert.False(probe.Started);
    }

    [Fact]
    public async Task The_silo_process_prints_one_line_per_bad_setting_and_exits_non_zero()
    {
        // Program handles the failure itself (WebApplicationFactory would only see a server that never started), so the
        // built silo beside this test assembly runs as an operator would run it.
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Seed.Silo.dll"));
        info.ArgumentList.Add("--Seed:Catalog:ShardCount=0");
        info.ArgumentList.Add("--Seed:Encoder:MaxTokens=-1");
        info.ArgumentList.Add("--Seed:Auth:Enabled=false");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task<string> output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> errors = process.StandardError.ReadToEndAsync(timeout.Token);

        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(SettingsValidationHostExtensions.InvalidSettingsExitCode, process.ExitCode);
        Assert.Equal(
            ["MaxTokens: Seed:Encoder:MaxTokens must be at least 2 to hold [CLS] and [SEP].", "ShardCount: Seed:Catalog:ShardCount must be between 1 and 4096."],
            (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Exception", await output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hosts_print_each_failure_on_one_line_and_exit_non_zero()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddOptionsWithValidateOnStart<ApiOptions, ApiOptionsValidator>()
            .Configure(options => { options.MaxK = 0; options.MaxClockSkew = TimeSpan.FromSeconds(-1); });
        var probe = new StartProbe();
        builder.Services.AddSingleton<IHostedService>(probe);
        using var host = builder.Build();
        using var error = new StringWriter();

        int exitCode = await host.RunOrReportInvalidSettingsAsync(error);

        Assert.Equal(SettingsValidationHostExtensions.InvalidSettingsExitCode, exitCode);
        Assert.Equal(
            ["MaxK: Seed:Api:MaxK must be at least 1.", "MaxClockSkew: Seed:Api:MaxClockSkew must not be negative."],
            error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.False(probe.Started);
    }

    [Fact]
    public void Other_exceptions_are_not_taken_for_invalid_settings()
    {
        Assert.Empty(SettingsValidationHostExtensions.InvalidSettings(new InvalidOperationException("boom")));
        Assert.Empty(SettingsValidationHostExtensions.InvalidSettings(
            new AggregateException(new OptionsValidationException("", typeof(ApiOptions), ["x"]), new InvalidOperationException("boom"))));
    }

    /// <summary>
    /// The silo host as Program composes it, with some settings overridden and a probe that records whether any hosted
    /// service started. The test server stands in for Kestrel.
    /// </summary>
    private static WebApplication SiloHost(StartProbe probe, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = RepositoryPaths.Resolve("src/Seed.Silo"),
        });
        builder.WebHost.UseTestServer();
        // Its own cluster on free ports, so that a host that wrongly started would not meet another test's silo.
        var siloPort = SeedApiFactory.FreePort().ToString(CultureInfo.InvariantCulture);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:ClusterId"] = "startup-tests-" + Guid.NewGuid().ToString("N")[..8],
            ["Orleans:Clustering:PrimarySiloEndPoint"] = $"127.0.0.1:{siloPort}",
            ["Orleans:Endpoints:SiloPort"] = siloPort,
            ["Orleans:Endpoints:GatewayPort"] = SeedApiFactory.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Seed:Encoder:Model"] = RepositoryPaths.Resolve(ShippedPaths.Encoder),
            ["Seed:DemoCatalog:Enabled"] = "false",
            ["Seed:Auth:Enabled"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value)));
        builder.AddSeedSilo();
        builder.Services.AddSeedApi(builder.Configuration);
        builder.Services.AddSingleton<IHostedService>(probe);
        return builder.Build();
    }

    private sealed class StartProbe : IHostedService
    {
        public bool Started { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Started = true;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
