using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Seed.Api.Hosting;

/// <summary>
/// Makes a host read its appsettings*.json from the folder holding its binaries when the content root (the working
/// directory, unless set) has none: a host started from elsewhere, by a service manager or from the repository root,
/// would otherwise start on no settings at all.
/// </summary>
public static class SettingsFilesBesideBinaries
{
    private const string SettingsFilePrefix = "appsettings";

    /// <summary>
    /// Points the appsettings JSON sources at <see cref="AppContext.BaseDirectory"/> when the content root lacks
    /// appsettings.json and that folder holds it. Each source keeps its place, so environment variables and the command
    /// line still override the files. A content root with its own settings (a test host, a run from the project folder)
    /// is left alone.
    /// </summary>
    public static TBuilder UseSettingsBesideBinaries<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        string binaries = AppContext.BaseDirectory;
        string settingsFile = SettingsFilePrefix + ".json";
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, settingsFile)) || !File.Exists(Path.Combine(binaries, settingsFile)))
        {
            return builder;
        }

        var files = new PhysicalFileProvider(binaries);
        builder.Services.AddSingleton(files); // disposed with the host
        IList<IConfigurationSource> sources = builder.Configuration.Sources;
        for (int index = 0; index < sources.Count; index++)
        {
            if (sources[index] is JsonConfigurationSource { Path: { } path } json && path.StartsWith(SettingsFilePrefix, StringComparison.Ordinal))
            {
                sources[index] = new JsonConfigurationSource
                {
                    FileProvider = files,
                    Path = path,
                    Optional = json.Optional,
                    ReloadOnChange = json.ReloadOnChange,
                };
            }
        }

        return builder;
    }
}
