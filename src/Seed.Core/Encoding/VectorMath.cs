using System.Numerics.Tensors;

namespace Seed.Core.Encoding;

/// <summary>Small vector helpers shared by the encoders.</summary>
internal static class VectorMath
{
    /// <summary>
    /// Scales <paramref name="vector"/> to unit length in place. An all-zero vector (a text with no known tokens
    /// under a static model) stays zero rather than becoming NaN, so it has cosine 0 with everything.
    /// </summary>
    public static void NormalizeInPlace(Span<float> vector)
    {
        float norm = TensorPrimitives.Norm(vector);
        if (norm > 0f && float.IsFinite(norm))
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
