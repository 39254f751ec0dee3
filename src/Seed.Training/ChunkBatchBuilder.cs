using static TorchSharp.torch;

namespace Seed.Training;

/// <summary>Packs chunk <c>level</c> of several users into tensors, padding short (final) chunks at the end.</summary>
internal static class ChunkBatchBuilder
{
    public static ChunkInputs Build(IReadOnlyList<UserSequence> users, IReadOnlyList<CarriedState> states, int level, int chunkLength, int inputSize)
    {
        var batch = users.Count;
        var length = users.Max(user => Math.Min(chunkLength, user.Length - (level * chunkLength)));
        var hiddenDim = states[0].Hidden.Length;
        var embeddingDim = states[0].LongTerm.Length;
        var features = new float[batch * length * inputSize];
        var times = new double[batch * length];
        var weights = new float[batch * length];
        var hidden = new float[batch * hiddenDim];
        var cell = new float[batch * hiddenDim];
        var longTerm = new float[batch * embeddingDim];
        var previous = new double[batch];
        for (var b = 0; b < batch; b++)
        {
            var user = users[b];
            var start = level * chunkLength;
            var count = Math.Min(length, user.Length - start);
            user.Features.AsSpan(start * inputSize, count * inputSize).CopyTo(features.AsSpan(b * length * inputSize));
            user.Weights.AsSpan(start, count).CopyTo(weights.AsSpan(b * length));
            user.Times.AsSpan(start, count).CopyTo(times.AsSpan(b * length));
            // Padding repeats the last time (zero weight, ignored outputs) so no decay factor overflows.
            times.AsSpan((b * length) + count, length - count).Fill(user.Times[start + count - 1]);
            states[b].Hidden.CopyTo(hidden, b * hiddenDim);
            states[b].Cell.CopyTo(cell, b * hiddenDim);
            states[b].LongTerm.CopyTo(longTerm, b * embeddingDim);
            previous[b] = level == 0 ? user.Times[0] : states[b].PreviousTime;
        }

        return new ChunkInputs(
            tensor(features, [batch, length, inputSize]),
            tensor(times, [batch, length]),
            tensor(weights, [batch, length]),
            tensor(hidden, [1, batch, hiddenDim]),
            tensor(cell, [1, batch, hiddenDim]),
            tensor(longTerm, [batch, embeddingDim]),
            tensor(previous, [batch]));
    }

    /// <summary>Stores the state after a full chunk back into each user's carried state (detached from the graph).</summary>
    public static void Carry(IReadOnlyList<UserSequence> users, IReadOnlyList<CarriedState> states, int level, int chunkLength, ChunkResult result)
    {
        var hiddenDim = states[0].Hidden.Length;
        var embeddingDim = states[0].LongTerm.Length;
        var hidden = result.Hidden.detach().reshape(-1).data<float>().ToArray();
        var cell = result.Cell.detach().reshape(-1).data<float>().ToArray();
        var length = (int)result.LongTerm.shape[1];
        var longTerm = result.LongTerm.detach().narrow(1, length - 1, 1).reshape(-1).data<float>().ToArray();
        for (var b = 0; b < users.Count; b++)
        {
            // Only a user's final chunk can be short, and nothing is carried out of a final chunk.
            var end = Math.Min((level + 1) * chunkLength, users[b].Length);
            hidden.AsSpan(b * hiddenDim, hiddenDim).CopyTo(states[b].Hidden);
            cell.AsSpan(b * hiddenDim, hiddenDim).CopyTo(states[b].Cell);
            longTerm.AsSpan(b * embeddingDim, embeddingDim).CopyTo(states[b].LongTerm);
            states[b].PreviousTime = users[b].Times[end - 1];
        }
    }
}
