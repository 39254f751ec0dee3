using System.Numerics.Tensors;
using Seed.Abstractions.Catalog;
using Seed.Core.Ranking;
using Seed.Storage;

namespace Seed.Grains.Catalog;

/// <summary>Per category and tag (lower-cased): the sum of its items' ranking vectors, from which the catalog front makes centroids.</summary>
internal static class LabelVectorSums
{
    public static List<LabelVectorSum> Compute(IReadOnlyList<StoredItem> items, EmbeddingMatrix vectors)
    {
        var sums = new Dictionary<(LabelKind, string), (float[] Sum, int Count)>();
        for (var row = 0; row < items.Count; row++)
        {
            var vector = vectors.Row(row);
            Accumulate(sums, LabelKind.Category, items[row].Item.Categories, vector);
            Accumulate(sums, LabelKind.Tag, items[row].Item.Tags, vector);
        }

        return sums.Select(pair => new LabelVectorSum
        {
            Kind = pair.Key.Item1,
            Label = pair.Key.Item2,
            Sum = pair.Value.Sum,
            ItemCount = pair.Value.Count,
        }).ToList();
    }

    private static void Accumulate(
        Dictionary<(LabelKind, string), (float[] Sum, int Count)> sums,
        LabelKind kind,
        IReadOnlyList<string> labels,
        ReadOnlySpan<float> vector)
    {
        foreach (var label in labels)
        {
            var key = (kind, label.ToLowerInvariant());
            if (!sums.TryGetValue(key, out var entry))
            {
                entry = (new float[vector.Length], 0);
            }

            TensorPrimitives.Add(entry.Sum, vector, entry.Sum);
            sums[key] = (entry.Sum, entry.Count + 1);
        }
    }
}
