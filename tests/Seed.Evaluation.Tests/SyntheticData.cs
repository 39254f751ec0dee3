using Seed.Abstractions;
using Seed.Core.Numerics;
using Seed.Datasets;

namespace Seed.Evaluation.Tests;

/// <summary>Small hand-made catalogs and event streams (no encoder, no files).</summary>
internal static class SyntheticData
{
    private static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A catalog of random unit vectors with ids "i0".."i{n-1}" (seeded, so deterministic).</summary>
    public static ItemCatalogIndex RandomCatalog(int items, int dimension, int seed)
    {
        var random = new Random(seed);
        var vectors = Enumerable.Range(0, items).Select(_ => Unit([.. Enumerable.Range(0, dimension).Select(_ => (float)(random.NextDouble() * 2 - 1))])).ToList();
        return new ItemCatalogIndex([.. Enumerable.Range(0, items).Select(ItemId)], vectors);
    }

    /// <summary>Random ratings (1..5 stars) and a few tags by <paramref name="users"/> users, one event per minute.</summary>
    public static List<InteractionEvent> RandomEvents(int count, int users, int items, int seed)
    {
        var random = new Random(seed);
        return
        [
            .. Enumerable.Range(0, count).Select(i => random.Next(10) == 0
                ? new InteractionEvent($"u{random.Next(users)}", ItemId(random.Next(items)), At(i), EventType.Tag, null, "a tag")
                : Rating($"u{random.Next(users)}", random.Next(items), random.Next(1, 6), i)),
        ];
    }

    public static InteractionEvent Rating(string user, int item, float stars, int minute) =>
        new(user, ItemId(item), At(minute), EventType.Rating, stars, null);

    public static string ItemId(int row) => $"i{row}";

    public static DateTimeOffset At(int minute) => Epoch.AddMinutes(minute);

    public static float[] Unit(float[] vector)
    {
        VectorOps.NormalizeInPlace(vector);
        return vector;
    }
}
