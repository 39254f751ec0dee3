namespace Seed.Storage;

/// <summary>
/// An upsert as a shard store sees it: the items written (new ones and replacements), and the shard's whole item
/// list in row order once they are applied. A row store writes the first; a store that keeps the shard as one
/// document writes the second.
/// </summary>
public sealed record ShardUpsert(IReadOnlyList<StoredItem> Written, IReadOnlyList<StoredItem> ShardItems);
