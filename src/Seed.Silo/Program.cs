using Seed.Api.Hosting;
using Seed.Silo.Hosting;

// One process: an Orleans silo (clustering and storage chosen under "Orleans:" in configuration), the REST API
// and the Orleans dashboard. Embedded default: localhost clustering, in-memory storage, the shipped models.
// "--migrate" applies the PostgreSQL schema (idempotent) and exits, so deployments can run it before the silos.
if (args.Contains("--migrate", StringComparer.Ordinal))
{
    return await SiloHostingExtensions.MigrateAsync([.. args.Where(arg => arg != "--migrate")]);
}

var builder = WebApplication.CreateBuilder(args).UseSettingsBesideBinaries();
if (SiloHostingExtensions.InvalidProviderSettings(builder.Configuration) is { Count: > 0 } invalid)
{
    return await SettingsValidationHostExtensions.ReportInvalidSettingsAsync(invalid);
}

builder.AddSeedSilo();
builder.Services.AddSeedApi(builder.Configuration);

var app = builder.Build();
app.MapSeedApi();
app.MapSeedDashboard();

return await app.RunOrReportInvalidSettingsAsync();

/// <summary>Entry point type, visible to WebApplicationFactory in the functional tests.</summary>
public partial class Program;
