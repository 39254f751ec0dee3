using Seed.Storage;

namespace Seed.Grains.Catalog;

/// <summary>
/// The managed-heap bytes one stored item keeps alive, estimated from the 64-bit CLR layout: objects a 16-byte header
/// plus their fields, arrays 24 bytes plus their elements, strings 22 bytes plus 2 per character. Kept as a running
/// total by the shard (added on append, swapped on replace) so statistics cost nothing per item when asked.
/// </summary>
/// <param name="EmbeddingBytes">The text embedding array.</param>
/// <param name="TextBytes">Id, title, text, category and tag strings.</param>
/// <param name="RecordBytes">The StoredItem and CatalogItem objects and the category and tag lists.</param>
internal readonly record struct ItemFootprint(long EmbeddingBytes, long TextBytes, long RecordBytes)
{
    private const int ObjectHeader = 16;
    private const int ArrayHeader = 24;
    private const int StringHeader = 22;
    private const int Reference = 8;

    /// <summary>StoredItem: two references and a double.</summary>
    private const int StoredItemBytes = ObjectHeader + (2 * Reference) + sizeof(double);

    /// <summary>CatalogItem: five references (id, title, text, categories, tags), a double and a nullable DateTimeOffset (24 with its flag).</summary>
    private const int CatalogItemBytes = ObjectHeader + (5 * Reference) + sizeof(double) + 24;

    /// <summary>A List: its array reference, count and version, then its array.</summary>
    private const int ListBytes = ObjectHeader + Reference + (2 * sizeof(int)) + ArrayHeader;

    public static ItemFootprint Of(StoredItem stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var item = stored.Item;
        var text = StringBytes(item.Id) + StringBytes(item.Title) + StringBytes(item.Text) + ListStrings(item.Categories) + ListStrings(item.Tags);
        var records = StoredItemBytes + CatalogItemBytes + ListObject(item.Categories) + ListObject(item.Tags);
        return new ItemFootprint(ArrayHeader + ((long)stored.Embedding.Length * sizeof(float)), text, records);
    }

    public static long StringBytes(string? value) => value is null ? 0 : StringHeader + (2L * value.Length);

    public static ItemFootprint operator +(ItemFootprint left, ItemFootprint right) =>
        new(left.EmbeddingBytes + right.EmbeddingBytes, left.TextBytes + right.TextBytes, left.RecordBytes + right.RecordBytes);

    public static ItemFootprint operator -(ItemFootprint left, ItemFootprint right) =>
        new(left.EmbeddingBytes - right.EmbeddingBytes, left.TextBytes - right.TextBytes, left.RecordBytes - right.RecordBytes);

    /// <summary>An empty list is counted as free: deserializers and defaults share one empty instance.</summary>
    private static long ListObject(IReadOnlyList<string> values) => values.Count == 0 ? 0 : ListBytes + ((long)values.Count * Reference);

    private static long ListStrings(IReadOnlyList<string> values)
    {
        long bytes = 0;
        foreach (var value in values)
        {
            bytes += StringBytes(value);
        }

        return bytes;
    }
}
