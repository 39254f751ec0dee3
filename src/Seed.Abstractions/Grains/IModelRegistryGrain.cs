using Seed.Abstractions.Models;

namespace Seed.Abstractions.Grains;

/// <summary>
/// The cluster's record of which interest model to serve. A deploy checks the folder, records it and moves the silo it
/// runs on; every other silo polls <see cref="GetDeploymentAsync"/> and loads the same version. Always call with key 0.
/// </summary>
[Alias("Seed.IModelRegistryGrain")]
public interface IModelRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Loads and checks the folder at <paramref name="path"/> (null: the deployed folder again, or the configured one
    /// when nothing was deployed) and, when it loads, records it as the cluster's model. A refused folder changes
    /// nothing; the result says why in one line.
    /// </summary>
    [Alias("Deploy")]
    Task<ModelReloadResult> DeployAsync(string? path);

    /// <summary>The deployed model, or null while the cluster serves each silo's configured folder.</summary>
    [Alias("GetDeployment")]
    Task<ModelDeployment?> GetDeploymentAsync();
}
