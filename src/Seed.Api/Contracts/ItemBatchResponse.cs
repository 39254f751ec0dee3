namespace Seed.Api.Contracts;

/// <summary>Answer to an item upsert.</summary>
public sealed record ItemBatchResponse(int Upserted);
