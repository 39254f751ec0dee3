using Orleans.Storage;

namespace Seed.Benchmarks;

/// <summary>
/// Grain storage that stores nothing: reads leave the default state, writes return at once. Swapped in for the
/// users' Memory storage to measure what the per-batch <c>WriteStateAsync</c> costs, without editing the user grain.
/// </summary>
public sealed class NullGrainStorage : IGrainStorage
{
    private long _writes;

    /// <summary>Writes taken so far: lets a probe wait until every pending snapshot has been written.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        Interlocked.Increment(ref _writes);
        grainState.ETag = "1";
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
