using Microsoft.ML.OnnxRuntime;

namespace Seed.Encoders;

/// <summary>What <see cref="OnnxSentenceEncoder.Load"/> needs from a model, wherever it comes from (a folder or a package's resources).</summary>
/// <param name="Description">The folder's full path, or the model's name and package; used in log lines and error messages.</param>
/// <param name="Tokenizer">The model's WordPiece tokenizer.</param>
/// <param name="OpenSession">Creates the ONNX session with the given options (called again with CPU options after a failed CUDA attempt).</param>
/// <param name="Pooling">How the model's output becomes a sentence vector.</param>
/// <param name="MaxTokens">Most tokens per text fed to the model.</param>
internal sealed record EncoderSource(
    string Description,
    BertTextTokenizer Tokenizer,
    Func<SessionOptions, InferenceSession> OpenSession,
    PoolingMode Pooling,
    int MaxTokens);
