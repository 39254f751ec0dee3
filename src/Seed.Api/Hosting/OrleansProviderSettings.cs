namespace Seed.Api.Hosting;

/// <summary>
/// The provider choices under <c>Orleans:</c> that Orleans itself only reads while it builds its services, where a
/// missing or misspelled one ends in a dependency-injection error (for example "Unable to resolve service for type
/// 'Orleans.IMembershipTable'"). Bound from that section and checked at start by <see cref="OrleansProviderSettingsValidator"/>.
/// </summary>
public sealed class OrleansProviderSettings
{
    public const string SectionName = "Orleans";

    public OrleansProviderSetting Clustering { get; set; } = new();

    public Dictionary<string, OrleansProviderSetting> GrainStorage { get; set; } = new(StringComparer.Ordinal);
}
