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
        ShortTerm = ShortTermLength(embeddingDim, hiddenDim) == 0 ? [] : new float[embeddingDim];
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

        if (longTerm.Length == 0)
        {
            throw new ArgumentException("The long-term vector must not be empty.", nameof(longTerm));
        }

        if (shortTerm.Length != ShortTermLength(longTerm.Length, hidden.Length))
        {
            throw new ArgumentException(
                $"The short-term vector has length {shortTerm.Length}, expected {ShortTermLength(longTerm.Length, hidden.Length)}: as long as the long-term "
                + "one without an LSTM, empty with one (it is then derived from the hidden state).", nameof(shortTerm));
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

    /// <summary>
    /// Short-term interest in the ranking space, kept only in fallback (a fast-decaying average); empty with a learned
    /// model, whose short-term vector is a function of <see cref="Hidden"/> (<see cref="InterestTracker.ShortTerm"/>).
    /// </summary>
    public float[] ShortTerm { get; }

    /// <summary>Long-term interest: exponentially decayed, weight-signed sum of projected item vectors (not normalised).</summary>
    public float[] LongTerm { get; }

    /// <summary>Number of events applied so far.</summary>
    public long EventCount { get; set; }

    /// <summary>Time of the latest applied event; never moves backwards. Null for a cold user.</summary>
    public DateTimeOffset? LastEventTime { get; set; }

    /// <summary>
    /// How many short-term floats a state keeps: D without an LSTM; none with one, because there the short-term vector
    /// is the model's head applied to h and is recomputed from h when asked for (D floats per user saved, a million
    /// users at a time).
    /// </summary>
    public static int ShortTermLength(int embeddingDim, int hiddenDim) => hiddenDim > 0 ? 0 : embeddingDim;
}
