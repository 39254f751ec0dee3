namespace Seed.Api.Contracts;

/// <summary>Answer to an accepted event batch (HTTP 202).</summary>
public sealed record EventBatchResponse(
    int Accepted,
    int Applied,
    int Duplicates,
    int Late,
    IReadOnlyList<string> EventIds);
