namespace Seed.Encoders;

/// <summary>Parsed form of <see cref="EncoderOptions.Pooling"/>.</summary>
internal enum PoolingMode
{
    /// <summary>Use the graph's <c>sentence_embedding</c> output when the model has one, else mean pooling.</summary>
    Auto,

    /// <summary>Require the graph's <c>sentence_embedding</c> output.</summary>
    SentenceEmbedding,

    /// <summary>Masked mean of <c>token_embeddings</c> / <c>last_hidden_state</c>, even when the graph pools itself.</summary>
    MeanPooling,

    /// <summary>The <c>token_embeddings</c> / <c>last_hidden_state</c> vector of the first token ([CLS]), as CLS-trained models (arctic-embed) expect.</summary>
    Cls,
}
