using Seed.Core;
using Seed.Encoders;

namespace Seed.Evaluation;

/// <summary>
/// Settings of the evaluation; <see cref="EvaluationCommand"/> builds them from the command line, resolving relative paths
/// with <see cref="RepositoryPaths.Resolve(string)"/>.
/// </summary>
public sealed class EvaluationOptions
{
    /// <summary>Data set folder (MovieLens latest, 100K or 1M layout, or Amazon reviews JSON lines).</summary>
    public required string DataPath { get; init; }

    /// <summary>Interest model folder; without model.safetensors the "lstm" model is skipped.</summary>
    public string ModelPath { get; init; } = ShippedPaths.InterestModel;

    /// <summary>Sentence encoder for item text embeddings: a name from <see cref="KnownEncoders.Names"/> or a folder (resolved).</summary>
    public string Encoder { get; init; } = KnownEncoders.PotionBase4M;

    /// <summary>Cutoff of HR, NDCG and coverage.</summary>
    public int K { get; init; } = 10;

    /// <summary>Where the JSON results go; null prints only.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Gateway (<c>ip:port</c>) of a running silo: the replay is also sent through an Orleans client (the "online" path).</summary>
    public string? OrleansGateway { get; init; }

    /// <summary>Root URL of a running silo's REST API: the replay is also sent through HTTP.</summary>
    public Uri? HttpEndpoint { get; init; }

    /// <summary>Orleans cluster id of <see cref="OrleansGateway"/> (the embedded default's).</summary>
    public string ClusterId { get; init; } = "seed-dev";

    /// <summary>Orleans service id of <see cref="OrleansGateway"/>.</summary>
    public string ServiceId { get; init; } = "seed";

    /// <summary>Prepended to user ids sent to a cluster, so every run starts from fresh user grains; null picks a unique one.</summary>
    public string? UserPrefix { get; init; }
}
