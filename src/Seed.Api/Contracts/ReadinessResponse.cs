using Seed.Abstractions.Models;

namespace Seed.Api.Contracts;

/// <summary>Body of <c>GET /readyz</c>: <c>ready</c>, or <c>not_ready</c> with what the host still waits for.</summary>
public sealed record ReadinessResponse(
    string Status,
    IReadOnlyList<string> WaitingFor,
    ModelStatus? Models,
    int? CatalogItems);
