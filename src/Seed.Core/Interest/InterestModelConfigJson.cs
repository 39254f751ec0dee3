using System.Text.Json.Serialization;

namespace Seed.Core.Interest;

/// <summary>
/// config.json of an interest model folder exactly as Seed.Training's ModelExporter writes it (camelCase keys),
/// before any checking. Every field is nullable so that <see cref="InterestModelConfig.Read"/> can name a missing one
/// instead of reporting a default; unknown fields such as <c>inputLayout</c> are ignored.
/// </summary>
internal sealed record InterestModelConfigJson(
    string? Format,
    int? Version,
    int? EmbeddingDim,
    int? HiddenDim,
    string?[]? EventKinds,
    string? Name,
    string? CreatedBy,
    string? CreatedAt,
    double? PopularityWeight,
    double? LongTermHalfLifeSeconds,
    double? CoLikeWeight,
    double? CoLikeDecay,
    int? CoLikeWindow);

/// <summary>Source-generated (reflection-free) reader for <see cref="InterestModelConfigJson"/>; key names are case-sensitive camelCase.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(InterestModelConfigJson))]
internal sealed partial class InterestModelConfigJsonContext : JsonSerializerContext;
