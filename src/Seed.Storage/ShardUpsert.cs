namespace Seed.Storage;

/// <summary>
/// An upsert as a shard store sees it: the items written (new ones and replacements), and the shard's whole item
/// list in row order once they are applied. A row store writes the first; a store that keeps the shard as one
/// document writes the second. That list is only built when asked for (a row store never does, and building it would
/// copy a shard of 250,000 rows for every chunk of a bulk load), from the shard's rows when it is asked: the same list
/// before and after this upsert is applied, not after another.
/// </summary>
public sealed class ShardUpsert(IReadOnlyList<StoredItem> written, Func<IReadOnlyList<StoredItem>> shardItems)
{
    private IReadOnlyList<StoredItem>? _shardItems;

    public IReadOnlyList<StoredItem> Written { get; } = written;

    public IReadOnlyList<StoredItem> ShardItems => _shardItems ??= shardItems();
}
