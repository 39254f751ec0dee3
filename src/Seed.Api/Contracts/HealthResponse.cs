using Seed.Abstractions.Catalog;
using Seed.Abstractions.Models;

namespace Seed.Api.Contracts;

/// <summary>
/// Body of <c>GET /healthz</c>. <paramref name="CatalogMemory"/>: what the catalog shards hold in memory for their items,
/// by structure, estimated from their sizes (<see cref="CatalogFootprint"/>).
/// </summary>
public sealed record HealthResponse(
    string Status,
    ModelStatus? Models,
    int? CatalogItems,
    int? CatalogShards,
    CatalogFootprint? CatalogMemory,
    string? Error);
