namespace Seed.Abstractions.Models;

/// <summary>The outcome of loading a model folder: the version now served, or why the running model was kept.</summary>
[GenerateSerializer, Immutable, Alias("Seed.ModelReloadResult")]
public sealed record ModelReloadResult
{
    /// <summary>True when the folder was loaded (or already served); false when it was refused.</summary>
    [Id(0)] public bool Loaded { get; init; }

    /// <summary>The version served after the call: the new one when loaded, the running one when refused.</summary>
    [Id(1)] public required string Version { get; init; }

    /// <summary>The folder that was asked for.</summary>
    [Id(2)] public required string Path { get; init; }

    /// <summary>The served model's description.</summary>
    [Id(3)] public required string Detail { get; init; }

    /// <summary>One line saying why the folder was refused; null when it was loaded.</summary>
    [Id(4)] public string? Error { get; init; }
}
