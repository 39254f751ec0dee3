using Seed.Abstractions.Catalog;

namespace Seed.Grains.Catalog;

/// <summary>
/// Per-silo cache of merged label centroids. Centroids move slowly as items arrive, and every /interests call
/// needs all of them, so recomputing them from every shard each time would be wasted fan-out.
/// </summary>
public sealed class LabelCentroidCache(TimeProvider timeProvider) : IDisposable
{
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private IReadOnlyList<LabelVectorSum> _centroids = [];
    private DateTimeOffset _expiresAt = DateTimeOffset.MinValue;

    public async Task<IReadOnlyList<LabelVectorSum>> GetAsync(
        TimeSpan lifetime, Func<Task<IReadOnlyList<LabelVectorSum>>> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (timeProvider.GetUtcNow() < _expiresAt)
        {
            return _centroids;
        }

        await _refreshLock.WaitAsync();
        try
        {
            if (timeProvider.GetUtcNow() >= _expiresAt)
            {
                _centroids = await compute();
                _expiresAt = timeProvider.GetUtcNow() + lifetime;
            }

            return _centroids;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    public void Dispose() => _refreshLock.Dispose();

    /// <summary>Forgets the cached centroids, so the next call sees items that were just added.</summary>
    public void Invalidate() => _expiresAt = DateTimeOffset.MinValue;
}
