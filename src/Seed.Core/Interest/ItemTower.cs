using System.Numerics.Tensors;
using Seed.Core.Numerics;

namespace Seed.Core.Interest;

/// <summary>
/// Maps an item's text embedding into the ranking space shared with user queries: y = normalize(W x + b),
/// W row-major [out, in]. Items and user interest vectors must pass through the same tower, otherwise their
/// dot products are meaningless. Without a learned tower it is the identity (plus normalisation).
/// Immutable and thread-safe.
/// </summary>
public sealed class ItemTower
{
    /// <summary>W (null for the identity tower).</summary>
    private readonly WeightMatrix? _weight;
    private readonly float[]? _bias;

    /// <summary>Creates a learned tower; throws <see cref="ArgumentException"/> when a tensor has the wrong size.</summary>
    public ItemTower(int inputDim, int outputDim, float[] weight, float[] bias)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputDim);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(bias);
        if (weight.Length != checked(inputDim * outputDim))
        {
            throw new ArgumentException(
                $"item_tower.weight has {weight.Length} values, expected [out={outputDim}, in={inputDim}] = {inputDim * outputDim}.", nameof(weight));
        }

        if (bias.Length != outputDim)
        {
            throw new ArgumentException($"item_tower.bias has {bias.Length} values, expected {outputDim}.", nameof(bias));
        }

        InputDim = inputDim;
        OutputDim = outputDim;
        _weight = new WeightMatrix(outputDim, inputDim, weight);
        _bias = bias;
    }

    private ItemTower(int dimension)
    {
        InputDim = dimension;
        OutputDim = dimension;
    }

    /// <summary>Length of the text embedding it accepts.</summary>
    public int InputDim { get; }

    /// <summary>Length of the ranking-space vector it produces.</summary>
    public int OutputDim { get; }

    /// <summary>True when the tower only normalises (no learned projection).</summary>
    public bool IsIdentity => _weight is null;

    /// <summary>A tower that passes embeddings through unchanged except for L2 normalisation.</summary>
    public static ItemTower Identity(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        return new ItemTower(dimension);
    }

    /// <summary>
    /// Projects <paramref name="embedding"/> into <paramref name="destination"/> and L2-normalises it.
    /// An all-zero embedding (unknown item text) yields an all-zero vector rather than the normalised bias,
    /// so "no content" never injects a fixed, content-free direction into users' interests.
    /// The spans may overlap.
    /// </summary>
    public void Project(ReadOnlySpan<float> embedding, Span<float> destination)
    {
        if (embedding.Length != InputDim)
        {
            throw new ArgumentException($"Embedding has length {embedding.Length}, expected {InputDim}.", nameof(embedding));
        }

        if (destination.Length != OutputDim)
        {
            throw new ArgumentException($"Destination has length {destination.Length}, expected {OutputDim}.", nameof(destination));
        }

        if (_weight is null || _bias is null)
        {
            embedding.CopyTo(destination);
            VectorOps.NormalizeInPlace(destination);
            return;
        }

        if (TensorPrimitives.MaxMagnitude(embedding) == 0f)
        {
            destination.Clear();
            return;
        }

        // The output goes to scratch first: writing rows while later rows still read the input would corrupt it when
        // the spans overlap. The input is copied to zero-padded scratch only when its length is not a whole number of
        // vectors already (it is for every shipped encoder).
        int paddedInput = _weight.RowStride == InputDim ? 0 : _weight.RowStride;
        int scratchLength = OutputDim + paddedInput;
        using var scratch = new FloatScratch(scratchLength <= FloatScratch.MaxStackFloats ? stackalloc float[scratchLength] : [], scratchLength);
        Span<float> output = scratch.Span[..OutputDim];
        scoped ReadOnlySpan<float> input = embedding;
        if (paddedInput > 0)
        {
            Span<float> padded = scratch.Span[OutputDim..];
            embedding.CopyTo(padded);
            padded[InputDim..].Clear();
            input = padded;
        }

        _weight.MultiplyAdd(input, _bias, output);
        VectorOps.NormalizeInPlace(output);
        output.CopyTo(destination);
    }
}
