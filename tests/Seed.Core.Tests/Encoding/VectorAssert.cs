using System.Numerics.Tensors;

namespace Seed.Core.Tests.Encoding;

internal static class VectorAssert
{
    public static double MaxAbsDifference(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs((double)expected[i] - actual[i]));
        }

        return worst;
    }

    public static void Close(float[] expected, float[] actual, double tolerance, string? label = null)
    {
        double difference = MaxAbsDifference(expected, actual);
        Assert.True(difference <= tolerance, $"{label}: max abs difference {difference:E3} exceeds {tolerance:E1}.");
    }

    public static void UnitLength(float[] vector, string? label = null)
    {
        float norm = TensorPrimitives.Norm(vector);
        Assert.True(Math.Abs(norm - 1f) <= 1e-5f, $"{label}: norm {norm} is not 1.");
    }

    public static float Cosine(float[] a, float[] b) => TensorPrimitives.CosineSimilarity(a, b);
}
