using static TorchSharp.torch;

namespace Seed.Training;

/// <summary>Per-event queries [B, L, D], the LSTM state after the chunk [1, B, H], and the long-term vectors after every event [B, L, D].</summary>
internal sealed record ChunkResult(Tensor Query, Tensor Hidden, Tensor Cell, Tensor LongTerm);
