namespace Seed.Encoders;

/// <summary>How a named encoder turns the graph's token vectors into one sentence vector.</summary>
public enum EncoderPooling
{
    /// <summary>Masked mean of the token vectors (sentence-transformers' mean pooling).</summary>
    Mean,

    /// <summary>The vector of the first token, [CLS].</summary>
    Cls,
}
