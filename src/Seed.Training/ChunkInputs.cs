using static TorchSharp.torch;

namespace Seed.Training;

/// <summary>
/// One truncated-BPTT chunk for B users: Features [B, L, In], Times [B, L] (float64 seconds), Weights [B, L] (zero on
/// padding), and the state carried in from the user's previous chunk: Hidden/Cell [1, B, H], LongTerm [B, D],
/// PreviousTime [B] (float64; the time of the event that produced LongTerm).
/// </summary>
internal sealed record ChunkInputs(Tensor Features, Tensor Times, Tensor Weights, Tensor Hidden, Tensor Cell, Tensor LongTerm, Tensor PreviousTime);
