using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Seed.Grains.Catalog;

/// <summary>
/// Keeps item upserts from taking the whole silo: one upsert chunk runs at a time on this silo, and after each chunk of
/// a multi-chunk upsert the next waits so that chunks take at most <see cref="CatalogOptions.UpsertDutyCycle"/> of the
/// time. Chunking alone bounds how long one shard turn blocks; it does not stop an import of 100,000 items (encoding,
/// four shards' index updates) from using every core for its whole length, which left events queueing for seconds.
/// </summary>
public sealed class BulkUpsertPacer(IOptions<CatalogOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _oneChunkAtATime = new(1, 1);

    /// <summary>Runs <paramref name="chunk"/> when no other chunk of this silo runs, then rests for its share of idle time.</summary>
    /// <param name="chunk">The chunk's encoding and shard writes.</param>
    /// <param name="moreToCome">False for an upsert's last chunk: nothing of this upsert follows, so it does not rest.</param>
    public async Task<T> RunChunkAsync<T>(Func<Task<T>> chunk, bool moreToCome)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        await _oneChunkAtATime.WaitAsync();
        var clock = Stopwatch.StartNew();
        try
        {
            return await chunk();
        }
        finally
        {
            var dutyCycle = options.Value.UpsertDutyCycle;
            var rest = moreToCome && dutyCycle < 1 ? clock.Elapsed * ((1 - dutyCycle) / dutyCycle) : TimeSpan.Zero;
            // Rests holding the gate: another upsert's chunk must not fill the gap the rest leaves for traffic.
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }

            _oneChunkAtATime.Release();
        }
    }

    public void Dispose() => _oneChunkAtATime.Dispose();
}
