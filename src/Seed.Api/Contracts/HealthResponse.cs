using Seed.Abstractions.Models;

namespace Seed.Api.Contracts;

/// <summary>Body of <c>GET /healthz</c>.</summary>
public sealed record HealthResponse(
    string Status,
    ModelStatus? Models,
    int? CatalogItems,
    int? CatalogShards,
    string? Error);
