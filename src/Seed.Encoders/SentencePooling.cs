using System.Numerics.Tensors;
using Seed.Core.Numerics;

namespace Seed.Encoders;

/// <summary>
/// Turns one ONNX output tensor into one unit-length sentence vector per row: either the graph's own pooled
/// <c>sentence_embedding</c> or the mean of its token vectors over the real (unpadded) tokens. Owns the output shape
/// checks, so a model whose output does not match the batch fails with its shape in the message.
/// </summary>
internal static class SentencePooling
{
    /// <summary>Rows of a [rows, dimension] sentence output (the graph pooled), each normalised to unit length.</summary>
    public static float[][] CopyPooled(ReadOnlySpan<float> data, long[] outputShape, int rows, int dimension, string outputName)
    {
        if (outputShape.Length != 2 || outputShape[0] != rows)
        {
            throw new InvalidDataException($"Model output '{outputName}' has shape [{string.Join(", ", outputShape)}], expected [{rows}, dimension].");
        }

        var vectors = new float[rows][];
        for (int r = 0; r < rows; r++)
        {
            float[] vector = data.Slice(r * dimension, dimension).ToArray();
            // The graph may already normalise; doing it again costs nothing and guarantees unit length for any export.
            VectorOps.NormalizeInPlace(vector);
            vectors[r] = vector;
        }

        return vectors;
    }

    /// <summary>
    /// The first ([CLS]) token vector of each row of a [rows, sequenceLength, dimension] output, normalised to unit length.
    /// </summary>
    public static float[][] ClsPool(ReadOnlySpan<float> data, long[] outputShape, int rows, int sequenceLength, int dimension, string outputName)
    {
        RequireTokenShape(outputShape, rows, sequenceLength, outputName);
        var vectors = new float[rows][];
        for (int r = 0; r < rows; r++)
        {
            float[] vector = data.Slice(r * sequenceLength * dimension, dimension).ToArray();
            VectorOps.NormalizeInPlace(vector);
            vectors[r] = vector;
        }

        return vectors;
    }

    /// <summary>
    /// The masked mean of each row's token vectors in a [rows, sequenceLength, dimension] output, normalised to unit
    /// length; row r is <paramref name="batch"/>[<paramref name="rowIndices"/>[r]].
    /// </summary>
    public static float[][] MeanPool(
        IReadOnlyList<TokenizedText> batch, int[] rowIndices, ReadOnlySpan<float> data, long[] outputShape, int sequenceLength, int dimension, string outputName)
    {
        int rows = rowIndices.Length;
        RequireTokenShape(outputShape, rows, sequenceLength, outputName);

        var vectors = new float[rows][];
        for (int r = 0; r < rows; r++)
        {
            // Rows are left-aligned, so attention_mask is 1 exactly on the first Length positions: summing those is the masked sum.
            int tokens = batch[rowIndices[r]].Length;
            var vector = new float[dimension];
            ReadOnlySpan<float> rowData = data.Slice(r * sequenceLength * dimension, tokens * dimension);
            for (int t = 0; t < tokens; t++)
            {
                TensorPrimitives.Add(vector, rowData.Slice(t * dimension, dimension), vector);
            }

            TensorPrimitives.Divide(vector, tokens, vector);
            VectorOps.NormalizeInPlace(vector);
            vectors[r] = vector;
        }

        return vectors;
    }

    private static void RequireTokenShape(long[] outputShape, int rows, int sequenceLength, string outputName)
    {
        if (outputShape.Length != 3 || outputShape[0] != rows || outputShape[1] != sequenceLength)
        {
            throw new InvalidDataException(
                $"Model output '{outputName}' has shape [{string.Join(", ", outputShape)}], expected [{rows}, {sequenceLength}, dimension].");
        }
    }
}
