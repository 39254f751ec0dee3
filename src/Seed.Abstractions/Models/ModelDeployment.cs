namespace Seed.Abstractions.Models;

/// <summary>The interest model every silo of the cluster should serve: the registry's record, which silos poll.</summary>
[GenerateSerializer, Immutable, Alias("Seed.ModelDeployment")]
public sealed record ModelDeployment
{
    /// <summary>The model folder, as an absolute path every silo can read.</summary>
    [Id(0)] public required string Path { get; init; }

    /// <summary>Content hash of the folder's config.json and model.safetensors when it was deployed.</summary>
    [Id(1)] public required string Version { get; init; }

    /// <summary>Counts deployments, so operators can tell a redeploy of the same folder from the first one.</summary>
    [Id(2)] public long Sequence { get; init; }

    [Id(3)] public DateTimeOffset DeployedAt { get; init; }
}
