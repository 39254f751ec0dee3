namespace Seed.Storage;

/// <summary>A co-like count as a shard persists it: users who liked <see cref="ItemId"/> (held by the shard) together with <see cref="OtherItemId"/>.</summary>
public sealed record StoredCoLike(string ItemId, string OtherItemId, int Count);
