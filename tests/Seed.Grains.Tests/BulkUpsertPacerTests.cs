using Microsoft.Extensions.Options;
using Seed.Grains.Catalog;

namespace Seed.Grains.Tests;

/// <summary>The silo-wide pacing of item upsert chunks (no timings asserted: only order and overlap).</summary>
public sealed class BulkUpsertPacerTests
{
    [Fact]
    public async Task Chunks_of_concurrent_upserts_never_run_at_the_same_time_and_each_returns_its_result()
    {
        using var pacer = new BulkUpsertPacer(Options.Create(new CatalogOptions { UpsertDutyCycle = 0.9 }));
        var running = 0;
        var mostAtOnce = 0;

        async Task<int> Upsert(int chunks)
        {
            var total = 0;
            for (var c = 0; c < chunks; c++)
            {
                total += await pacer.RunChunkAsync(async () =>
                {
                    var now = Interlocked.Increment(ref running);
                    InterlockedMax(ref mostAtOnce, now);
                    await Task.Yield();
                    Interlocked.Decrement(ref running);
                    return 1;
                }, moreToCome: c < chunks - 1);
            }

            return total;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Upsert(5)));

        Assert.Equal([5, 5, 5, 5], results);
        Assert.Equal(1, mostAtOnce);
    }

    [Fact]
    public async Task A_failing_chunk_releases_the_gate_for_the_next_upsert()
    {
        using var pacer = new BulkUpsertPacer(Options.Create(new CatalogOptions()));

        await Assert.ThrowsAsync<InvalidOperationException>(() => pacer.RunChunkAsync<int>(() => throw new InvalidOperationException("shard down"), moreToCome: true));
        var next = await pacer.RunChunkAsync(() => Task.FromResult(7), moreToCome: false).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(7, next);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
            seen = Volatile.Read(ref target);
        }
    }
}
