using Seed.Abstractions.Models;

namespace Seed.Api.Contracts;

/// <summary>
/// Body of <c>GET /healthz</c>. <paramref name="CatalogBytes"/>: what the catalog shards hold in memory for their items,
/// estimated from their structures' sizes (<see cref="Seed.Abstractions.Catalog.CatalogFootprint"/>).
/// </summary>
public sealed record HealthResponse(
    string Status,
    ModelStatus? Models,
    int? CatalogItems,
    int? CatalogShards,
    long? CatalogBytes,
    string? Error);
