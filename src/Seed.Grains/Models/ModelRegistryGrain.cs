using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Grains;
using Seed.Abstractions.Models;
using Seed.Grains.Users;

namespace Seed.Grains.Models;

/// <summary>
/// The cluster's deployed interest model (<see cref="IModelRegistryGrain"/>), persisted in the catalog storage so a
/// restarted cluster serves what was deployed last. A deploy loads the folder on this silo first: a folder this silo
/// cannot load is never recorded, so it never reaches the others.
/// </summary>
public sealed class ModelRegistryGrain(
    [PersistentState("model-registry", "catalog")] IPersistentState<ModelRegistryState> state,
    InterestModelProvider provider,
    IOptions<InterestModelOptions> options,
    TimeProvider timeProvider,
    ILogger<ModelRegistryGrain> logger) : Grain, IModelRegistryGrain
{
    public async Task<ModelReloadResult> DeployAsync(string? path)
    {
        var requested = string.IsNullOrWhiteSpace(path) ? state.State.Current?.Path ?? options.Value.Path : path;
        var result = provider.TryLoad(requested, expectedVersion: null, out var model);
        if (!result.Loaded)
        {
            logger.LogWarning("Model deploy refused, running model {Version} kept: {Error}", result.Version, result.Error);
            return result;
        }

        // Recorded before this silo swaps: if the write fails, no silo has moved and the caller sees the failure.
        if (state.State.Current?.Version != model!.Version || state.State.Current.Path != result.Path)
        {
            state.State.Current = new ModelDeployment
            {
                Path = result.Path,
                Version = model.Version,
                Sequence = (state.State.Current?.Sequence ?? 0) + 1,
                DeployedAt = timeProvider.GetUtcNow(),
            };
            await state.WriteStateAsync();
        }

        provider.Use(model);
        logger.LogInformation("Interest model {Version} deployed from {Path}", model.Version, result.Path);
        return result;
    }

    public Task<ModelDeployment?> GetDeploymentAsync() => Task.FromResult(state.State.Current);
}
