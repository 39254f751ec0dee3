namespace Seed.Core;

/// <summary>
/// Where the material that the embedded default serves lies, relative to the repository root (and, in a published
/// build, to the folder holding the binaries): the repository ships all of it, so a clone runs with nothing else.
/// Resolve with <see cref="RepositoryPaths.Resolve(string)"/>.
/// </summary>
public static class ShippedPaths
{
    /// <summary>The default sentence encoder (potion-base-4M-int8: model.onnx, vocab.txt).</summary>
    public const string Encoder = "models/potion-base-4M-int8";

    /// <summary>The learned interest model trained on MovieLens.</summary>
    public const string InterestModel = "models/interest-lstm";

    /// <summary>MovieLens latest-small, the demo catalog's source.</summary>
    public const string MovieLens = "data/ml-latest-small";
}
