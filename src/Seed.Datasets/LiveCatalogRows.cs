namespace Seed.Datasets;

/// <summary>
/// One model's private copy of the catalog's item rows, which a replay updates as item texts change
/// (<see cref="ItemTextTimeline"/>). Each model owns one, as each cluster owns its catalog, so models replayed side by side
/// never share mutable state. For a data set with fixed item texts it simply equals <see cref="ItemCatalogIndex.Rows"/>.
/// </summary>
public sealed class LiveCatalogRows
{
    private readonly ItemCatalogIndex _catalog;

    public LiveCatalogRows(ItemCatalogIndex catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        Rows = (float[])catalog.Rows.Clone();
    }

    /// <summary>Row-major unit embeddings as of the latest <see cref="Replace"/>.</summary>
    public float[] Rows { get; }

    public int Dimension => _catalog.Dimension;

    /// <summary>One row's current embedding.</summary>
    public ReadOnlySpan<float> Row(int row) => Rows.AsSpan(row * _catalog.Dimension, _catalog.Dimension);

    /// <summary>
    /// Puts the pre-encoded vector of <paramref name="text"/> into the item's row and returns the row, or -1 for an item
    /// outside the catalog. Throws for a text the catalog did not encode (a timeline and catalog that do not belong together).
    /// </summary>
    public int Replace(string itemId, string text)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        ArgumentNullException.ThrowIfNull(text);
        if (!_catalog.TryGetRow(itemId, out var row))
        {
            return -1;
        }

        if (!_catalog.TryGetTextEmbedding(text, out var embedding))
        {
            throw new InvalidOperationException($"The catalog has no embedding for the new text of item {itemId}; build it with ItemCatalogIndex.Encode from the same data set.");
        }

        embedding.CopyTo(Rows.AsSpan(row * _catalog.Dimension, _catalog.Dimension));
        return row;
    }

    /// <summary>The event embedding (<see cref="ItemCatalogIndex.EventEmbedding(ReadOnlySpan{float}, string?)"/>) with the item's current row.</summary>
    public float[] EventEmbedding(int row, string? text) => _catalog.EventEmbedding(Row(row), text);
}
