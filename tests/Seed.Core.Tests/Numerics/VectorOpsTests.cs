using Seed.Core.Numerics;

namespace Seed.Core.Tests.Numerics;

public sealed class VectorOpsTests
{
    [Fact]
    public void NormalizeInPlace_ReturnsOldNormAndProducesUnitVector()
    {
        float[] vector = [3f, 4f];

        float norm = VectorOps.NormalizeInPlace(vector);

        Assert.Equal(5f, norm, 1e-6f);
        Assert.Equal(0.6f, vector[0], 1e-6f);
        Assert.Equal(0.8f, vector[1], 1e-6f);
    }

    [Fact]
    public void NormalizeInPlace_LeavesZeroVectorZero()
    {
        var vector = new float[7];

        float norm = VectorOps.NormalizeInPlace(vector);

        Assert.Equal(0f, norm);
        Assert.All(vector, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void Cosine_IsZeroForZeroVectorAndOneForParallelVectors()
    {
        float[] a = [1f, 2f, 3f];
        float[] b = [2f, 4f, 6f];
        float[] zero = [0f, 0f, 0f];

        Assert.Equal(1f, VectorOps.Cosine(a, b), 1e-6f);
        Assert.Equal(-1f, VectorOps.Cosine(a, [-1f, -2f, -3f]), 1e-6f);
        Assert.Equal(0f, VectorOps.Cosine(a, zero));
        Assert.Equal(0f, VectorOps.Cosine(zero, zero));
    }

    [Fact]
    public void Cosine_MatchesDoublePrecisionReference()
    {
        var random = new Random(11);
        float[] a = TestVectors.Uniform(random, 131);
        float[] b = TestVectors.Uniform(random, 131);
        double dot = 0, normA = 0, normB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            normA += (double)a[i] * a[i];
            normB += (double)b[i] * b[i];
        }

        Assert.Equal(dot / Math.Sqrt(normA * normB), VectorOps.Cosine(a, b), 1e-6);
    }

    [Fact]
    public void ScaleAndAdd_AddsScaledSource()
    {
        float[] destination = [1f, 1f, 1f];

        VectorOps.ScaleAndAdd(destination, [1f, 2f, -3f], 0.5f);

        Assert.Equal([1.5f, 2f, -0.5f], destination);
    }

    [Fact]
    public void LengthMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => VectorOps.Cosine([1f], [1f, 2f]));
        Assert.Throws<ArgumentException>(() => VectorOps.ScaleAndAdd(new float[2], [1f], 1f));
    }
}
