namespace Seed.Training;

/// <summary>What one user's next chunk starts from: LSTM h and c, the long-term vector and the time of its last event.</summary>
internal sealed class CarriedState(int hiddenDim, int embeddingDim)
{
    public float[] Hidden { get; } = new float[hiddenDim];

    public float[] Cell { get; } = new float[hiddenDim];

    public float[] LongTerm { get; } = new float[embeddingDim];

    public double PreviousTime { get; set; }

    public void Reset()
    {
        Array.Clear(Hidden);
        Array.Clear(Cell);
        Array.Clear(LongTerm);
        PreviousTime = 0;
    }
}
