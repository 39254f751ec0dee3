using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Seed.Api.Hosting;

/// <summary>
/// Checks the clustering and grain-storage providers a host is about to give Orleans: a known provider type, and for
/// the ADO.NET providers the Npgsql invariant and a connection string that exists. Each failure is one line naming the
/// setting, reported by <see cref="SettingsValidationHostExtensions.RunOrReportInvalidSettingsAsync"/>.
/// </summary>
public sealed class OrleansProviderSettingsValidator(
    IConfiguration configuration,
    IReadOnlyList<string> clusteringProviders,
    IReadOnlyList<string> requiredGrainStorage) : IValidateOptions<OrleansProviderSettings>
{
    /// <summary>The ADO.NET invariant both hosts register (Npgsql), the only one the AdoNet providers can use here.</summary>
    public const string AdoNetInvariant = "Npgsql";

    private const string AdoNet = "AdoNet";
    private static readonly string[] StorageProviders = ["Memory", AdoNet];

    public ValidateOptionsResult Validate(string? name, OrleansProviderSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckProvider("Orleans:Clustering", options.Clustering, clusteringProviders, failures);
        if (options.Clustering.ProviderType == "Static" && options.Clustering.Gateways.Count == 0)
        {
            failures.Add("Orleans:Clustering:Gateways must list at least one gateway (host:port) for Static clustering.");
        }

        foreach (string storage in requiredGrainStorage)
        {
            CheckProvider($"Orleans:GrainStorage:{storage}", options.GrainStorage.GetValueOrDefault(storage) ?? new(), StorageProviders, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void CheckProvider(string section, OrleansProviderSetting setting, IReadOnlyList<string> allowed, List<string> failures)
    {
        string choices = string.Join(", ", allowed);
        if (string.IsNullOrWhiteSpace(setting.ProviderType))
        {
            failures.Add($"{section}:ProviderType is not set; expected one of {choices}.");
            return;
        }

        if (!allowed.Contains(setting.ProviderType, StringComparer.Ordinal))
        {
            failures.Add($"{section}:ProviderType '{setting.ProviderType}' is not one of {choices}.");
            return;
        }

        if (setting.ProviderType != AdoNet)
        {
            return;
        }

        if (setting.Invariant != AdoNetInvariant)
        {
            failures.Add($"{section}:Invariant must be {AdoNetInvariant} (got '{setting.Invariant}').");
        }

        if (!string.IsNullOrWhiteSpace(setting.ConnectionString))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(setting.ConnectionName))
        {
            failures.Add($"{section}:ConnectionName (or ConnectionString) is not set.");
        }
        else if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(setting.ConnectionName)))
        {
            failures.Add($"{section}:ConnectionName '{setting.ConnectionName}' names no connection string: set ConnectionStrings:{setting.ConnectionName}.");
        }
    }
}
