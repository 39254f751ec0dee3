namespace Seed.Core.Interest;

/// <summary>
/// Everything the tracker remembers about one user. Mutable, and the arrays are exposed by reference on purpose:
/// the persistence layer keeps the very same arrays in its grain state, so an update needs no copying.
/// Not thread-safe: one owner (a grain activation) updates it at a time.
/// </summary>
public sealed class UserInterestState
{
    /// <summary>A fresh (cold) state: all vectors zero, no events.</summary>
    /// <param name="embeddingDim">Ranking-space dimension D (length of the short- and long-term vectors).</param>
    /// <param name="hiddenDim">LSTM hidden size H; 0 when no learned model is in use.</param>
    public UserInterestState(int embeddingDim, int hiddenDim)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingDim);
        ArgumentOutOfRangeException.ThrowIfNegative(hiddenDim);
        Hidden = new float[hiddenDim];
        Cell = new float[hiddenDim];
        ShortTerm = new float[embeddingDim];
        LongTerm = new float[embeddingDim];
    }

    /// <summary>Wraps existing arrays (e.g. restored from storage) without copying them.</summary>
    public UserInterestState(float[] hidden, float[] cell, float[] shortTerm, float[] longTerm, long eventCount, DateTimeOffset? lastEventTime)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(shortTerm);
        ArgumentNullException.ThrowIfNull(longTerm);
        if (hidden.Length != cell.Length)
        {
            throw new ArgumentException($"Hidden ({hidden.Length}) and cell ({cell.Length}) state must have the same length.", nameof(cell));
        }

        if (shortTerm.Length != longTerm.Length || longTerm.Length == 0)
        {
            throw new ArgumentException(
                $"Short-term ({shortTerm.Length}) and long-term ({longTerm.Length}) vectors must have the same, non-zero length.", nameof(longTerm));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(eventCount);
        Hidden = hidden;
        Cell = cell;
        ShortTerm = shortTerm;
        LongTerm = longTerm;
        EventCount = eventCount;
        LastEventTime = lastEventTime;
    }

    /// <summary>LSTM hidden state h (empty without a learned model).</summary>
    public float[] Hidden { get; }

    /// <summary>LSTM cell state c (empty without a learned model).</summary>
    public float[] Cell { get; }

    /// <summary>Short-term interest in the ranking space: the model's head output, or a fast-decaying average in fallback.</summary>
    public float[] ShortTerm { get; }

    /// <summary>Long-term interest: exponentially decayed, weight-signed sum of projected item vectors (not normalised).</summary>
    public float[] LongTerm { get; }

    /// <summary>Number of events applied so far.</summary>
    public long EventCount { get; set; }

    /// <summary>Time of the latest applied event; never moves backwards. Null for a cold user.</summary>
    public DateTimeOffset? LastEventTime { get; set; }
}
