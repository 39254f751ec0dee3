namespace Seed.Api.Hosting;

/// <summary>One Orleans provider entry (<c>Orleans:Clustering</c>, <c>Orleans:GrainStorage:{name}</c>): the keys Seed's configurations use.</summary>
public sealed class OrleansProviderSetting
{
    public string? ProviderType { get; set; }

    public string? Invariant { get; set; }

    public string? ConnectionString { get; set; }

    public string? ConnectionName { get; set; }

    /// <summary>Static clustering (the web client): gateway endpoints.</summary>
    public List<string> Gateways { get; set; } = [];
}
