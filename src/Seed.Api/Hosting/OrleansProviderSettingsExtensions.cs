using Microsoft.Extensions.Configuration;

namespace Seed.Api.Hosting;

/// <summary>
/// The check of the Orleans provider settings, run on the configuration before the host is built: a missing provider
/// already breaks building the service provider (a Development host validates it on build), so options validation at
/// start would come too late to name the setting.
/// </summary>
public static class OrleansProviderSettingsExtensions
{
    /// <param name="configuration">The host's configuration (the settings and the connection strings they name).</param>
    /// <param name="clusteringProviders">The clustering provider types this host supports.</param>
    /// <param name="requiredGrainStorage">The grain-storage providers this host must have configured.</param>
    /// <returns>One line per bad setting; empty when Orleans can be configured from them.</returns>
    public static IReadOnlyList<string> InvalidOrleansProviders(
        this IConfiguration configuration,
        IReadOnlyList<string> clusteringProviders,
        IReadOnlyList<string> requiredGrainStorage)
    {
        var settings = configuration.GetSection(OrleansProviderSettings.SectionName).Get<OrleansProviderSettings>() ?? new();
        var result = new OrleansProviderSettingsValidator(configuration, clusteringProviders, requiredGrainStorage).Validate(null, settings);
        return result.Failed ? [.. result.Failures] : [];
    }
}
