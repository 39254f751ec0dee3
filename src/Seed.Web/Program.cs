using Seed.Api.Hosting;
using Seed.Web.Hosting;

// The REST API as a separate Orleans client process, for web frontends in front of a running cluster.
// The gateway list / clustering provider comes from the "Orleans" configuration section.
var builder = WebApplication.CreateBuilder(args).UseSettingsBesideBinaries();
if (ClientHostingExtensions.InvalidProviderSettings(builder.Configuration) is { Count: > 0 } invalid)
{
    return await SettingsValidationHostExtensions.ReportInvalidSettingsAsync(invalid);
}

builder.AddSeedClusterClient();
builder.Services.AddSeedApi(builder.Configuration);

var app = builder.Build();
app.MapSeedApi();
return await app.RunOrReportInvalidSettingsAsync();

/// <summary>Entry point type, visible to WebApplicationFactory in the functional tests.</summary>
public partial class Program;
