namespace Seed.Encoders;

/// <summary>Turns text into L2-normalised sentence vectors. Implementations are thread-safe.</summary>
public interface ISentenceEncoder
{
    /// <summary>Length of every vector returned.</summary>
    int Dimension { get; }

    /// <summary>Most tokens per text, including [CLS] and [SEP]; <see cref="Tokenize"/> truncates to it.</summary>
    int MaxTokens { get; }

    /// <summary>
    /// Names everything this encoder's vectors depend on (model bytes, tokenizer casing, pooling, token limit) in
    /// letters, digits and dashes: stored embeddings are kept under it, so they are never mixed across encoders.
    /// </summary>
    string Fingerprint { get; }

    /// <summary>Tokenises one text (with [CLS]/[SEP], truncated to <see cref="MaxTokens"/>). Cheap and thread-safe.</summary>
    TokenizedText Tokenize(string text);

    /// <summary>Encodes pre-tokenised texts; result i belongs to batch[i]. Thread-safe.</summary>
    float[][] Encode(IReadOnlyList<TokenizedText> batch);

    /// <summary>Tokenises and encodes texts in one go; result i belongs to texts[i]. Thread-safe.</summary>
    float[][] Encode(IReadOnlyList<string> texts);
}
