using Seed.Abstractions.Models;

namespace Seed.Grains.Models;

/// <summary>What the model registry persists. Field ids and the alias are the storage contract.</summary>
[GenerateSerializer, Alias("Seed.ModelRegistryState")]
public sealed class ModelRegistryState
{
    /// <summary>The deployed model; null until the first deploy (each silo serves its configured folder until then).</summary>
    [Id(0)] public ModelDeployment? Current { get; set; }
}
