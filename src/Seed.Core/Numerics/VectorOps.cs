using System.Numerics.Tensors;

namespace Seed.Core.Numerics;

/// <summary>
/// Small, allocation-free vector helpers on top of <see cref="TensorPrimitives"/> (SIMD).
/// Every embedding, interest vector and query in Seed goes through these, so they define what
/// "zero vector" means across the system: a zero vector stays zero and has cosine 0 with anything,
/// instead of turning into NaN and silently poisoning a persisted user state.
/// </summary>
public static class VectorOps
{
    /// <summary>Scales <paramref name="vector"/> to unit L2 length in place.</summary>
    /// <returns>The norm before normalisation; 0 for an all-zero vector, which is left unchanged.</returns>
    public static float NormalizeInPlace(Span<float> vector)
    {
        float norm = TensorPrimitives.Norm(vector);
        // A zero (or denormal-underflowed) norm would divide by zero; leaving the vector as-is keeps "no signal" as zero.
        if (norm > 0f && float.IsFinite(norm))
        {
            TensorPrimitives.Multiply(vector, 1f / norm, vector);
        }

        return norm;
    }

    /// <summary>Cosine similarity of two equally long vectors; 0 when either of them is all-zero.</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors must have the same length ({a.Length} vs {b.Length}).", nameof(b));
        }

        float normA = TensorPrimitives.Norm(a);
        float normB = TensorPrimitives.Norm(b);
        if (normA <= 0f || normB <= 0f)
        {
            return 0f;
        }

        float cosine = TensorPrimitives.Dot(a, b) / (normA * normB);
        // Rounding can push |cos| a hair above 1; callers (MMR, tests) rely on the [-1, 1] contract.
        return Math.Clamp(cosine, -1f, 1f);
    }

    /// <summary><c>destination += scale * source</c>, element-wise.</summary>
    public static void ScaleAndAdd(Span<float> destination, ReadOnlySpan<float> source, float scale)
    {
        if (destination.Length != source.Length)
        {
            throw new ArgumentException($"Vectors must have the same length ({destination.Length} vs {source.Length}).", nameof(source));
        }

        TensorPrimitives.MultiplyAdd(source, scale, destination, destination);
    }
}
