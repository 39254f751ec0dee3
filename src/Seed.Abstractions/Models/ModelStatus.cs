namespace Seed.Abstractions.Models;

/// <summary>What models a silo serves with, for health checks and operators.</summary>
[GenerateSerializer, Immutable, Alias("Seed.ModelStatus")]
public sealed record ModelStatus
{
    [Id(0)] public required string EncoderModel { get; init; }

    [Id(1)] public required string ExecutionProvider { get; init; }

    [Id(2)] public required string Pooling { get; init; }

    [Id(3)] public int Dimension { get; init; }

    [Id(4)] public int MaxTokens { get; init; }

    [Id(5)] public required InterestModelMode InterestModelMode { get; init; }

    /// <summary>Which weights are loaded, or why the fallback runs.</summary>
    [Id(6)] public required string InterestModelDetail { get; init; }

    [Id(7)] public long EncoderRequests { get; init; }

    [Id(8)] public long EncoderCacheHits { get; init; }

    [Id(9)] public long EncoderBatches { get; init; }

    [Id(10)] public string SiloAddress { get; init; } = "";

    /// <summary>Content hash of the interest model this silo serves (<c>fallback</c> without one).</summary>
    [Id(11)] public string InterestModelVersion { get; init; } = "";

    /// <summary>Why the last attempt to load another model on this silo was refused; null when it was not.</summary>
    [Id(12)] public string? InterestModelLoadError { get; init; }
}
