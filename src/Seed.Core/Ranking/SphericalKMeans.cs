using System.Numerics.Tensors;

namespace Seed.Core.Ranking;

/// <summary>
/// Spherical k-means (unit centroids, rows assigned by the largest dot product) on a sample of rows: the coarse
/// quantiser of <see cref="InvertedFileIndex"/>. Lloyd iterations from distinct sampled rows; a centroid left without
/// rows restarts at a sampled row. Everything random comes from one seed, so the same rows always give the same
/// centroids (a shard's lists are the same on every silo and after every restart).
/// </summary>
internal static class SphericalKMeans
{
    /// <summary>Trains <paramref name="centroidCount"/> centroids (fewer when fewer finite rows are sampled).</summary>
    public static EmbeddingMatrix Train(EmbeddingMatrix rows, int centroidCount, int sampleSize, int iterations, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(centroidCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleSize);
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        var random = new Random(seed);
        var sample = SampleFiniteRows(rows, sampleSize, random);
        var dimension = rows.Dimension;
        var centroids = new EmbeddingMatrix(dimension, Math.Max(1, Math.Min(centroidCount, sample.Length)));
        var unit = new float[dimension];
        for (var i = 0; i < Math.Min(centroidCount, sample.Length); i++)
        {
            centroids.Add(UnitOrAxis(rows.Row(sample[i]), unit));
        }

        if (centroids.Count == 0)
        {
            // No finite row to learn from: one list holding everything is still a correct index.
            unit.AsSpan().Clear();
            unit[0] = 1f;
            centroids.Add(unit);
            return centroids;
        }

        var sums = new float[centroids.Count * dimension];
        var members = new int[centroids.Count];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var nearest = new NearestCentroid(centroids);
            Array.Clear(sums);
            Array.Clear(members);
            foreach (var row in sample)
            {
                var values = rows.Row(row);
                var centroid = nearest.Of(values);
                var sum = sums.AsSpan(centroid * dimension, dimension);
                TensorPrimitives.Add(sum, values, sum);
                members[centroid]++;
            }

            for (var centroid = 0; centroid < centroids.Count; centroid++)
            {
                var sum = sums.AsSpan(centroid * dimension, dimension);
                centroids.Set(centroid, members[centroid] == 0
                    ? UnitOrAxis(rows.Row(sample[random.Next(sample.Length)]), unit)
                    : UnitOrAxis(sum, unit));
            }
        }

        return centroids;
    }

    /// <summary>Up to <paramref name="sampleSize"/> distinct rows holding only finite values, in random order.</summary>
    private static int[] SampleFiniteRows(EmbeddingMatrix rows, int sampleSize, Random random)
    {
        var order = new int[rows.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // A partial Fisher–Yates shuffle: only the prefix that is used gets drawn.
        var taken = new List<int>(Math.Min(sampleSize, rows.Count));
        for (var i = 0; i < order.Length && taken.Count < sampleSize; i++)
        {
            var pick = random.Next(i, order.Length);
            (order[i], order[pick]) = (order[pick], order[i]);
            if (float.IsFinite(TensorPrimitives.Sum(rows.Row(order[i]))))
            {
                taken.Add(order[i]);
            }
        }

        return [.. taken];
    }

    /// <summary><paramref name="values"/> scaled to unit length into <paramref name="unit"/>; the first axis for a zero vector.</summary>
    private static float[] UnitOrAxis(ReadOnlySpan<float> values, float[] unit)
    {
        var norm = TensorPrimitives.Norm(values);
        if (norm > 0f && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(values, norm, unit);
        }
        else
        {
            unit.AsSpan().Clear();
            unit[0] = 1f;
        }

        return unit;
    }
}
