namespace Seed.Abstractions.Models;

/// <summary>What drives the user grains' interest vectors (JSON: <c>learned</c>, <c>fallback</c>).</summary>
[GenerateSerializer, Alias("Seed.InterestModelMode")]
public enum InterestModelMode
{
    /// <summary>The learned LSTM interest model is loaded.</summary>
    Learned = 0,

    /// <summary>No learned model: the time-decayed long-term vector alone.</summary>
    Fallback = 1,
}
