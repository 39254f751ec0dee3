namespace Seed.Datasets;

/// <summary>How <see cref="DatasetLoader"/> builds items from a data set.</summary>
public sealed class DatasetLoaderOptions
{
    /// <summary>
    /// Most frequent user tags (from MovieLens tags.csv) added to each item's text. Default 0: tags are NOT part of
    /// item text, because they are counted over the whole file, including tags applied after an evaluation split
    /// time, which would leak future behaviour into the item vectors. The demo catalog, which has no split, uses 5.
    /// </summary>
    public int TagsPerItem { get; set; }
}
