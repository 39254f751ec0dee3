using Seed.Abstractions.Models;

namespace Seed.Abstractions.Grains;

/// <summary>
/// The encoder pool: stateless workers, one per core on every silo, all sharing the silo's single
/// ONNX Runtime session through a micro-batching queue. Always call with key 0.
/// </summary>
[Alias("Seed.IEncoderGrain")]
public interface IEncoderGrain : IGrainWithIntegerKey
{
    /// <summary>Unit-length embeddings, one per text, in order.</summary>
    [Alias("Encode")]
    Task<float[][]> EncodeAsync(IReadOnlyList<string> texts);

    /// <summary>
    /// Unit-length embeddings of catalog item texts, in order. Unlike <see cref="EncodeAsync"/> these are kept in the
    /// silo's persistent embedding store, so the same text under the same encoder is encoded once.
    /// </summary>
    [Alias("EncodeItemTexts")]
    Task<float[][]> EncodeItemTextsAsync(IReadOnlyList<string> texts);

    [Alias("Describe")]
    Task<ModelStatus> DescribeAsync();
}
