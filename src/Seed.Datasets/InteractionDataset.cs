namespace Seed.Datasets;

/// <summary>
/// A loaded data set: its items and its interaction events, sorted by timestamp with ties broken by user id, then
/// item id (ordinal), then the order the rows were read in, so every replay of the same files is identical.
/// </summary>
/// <param name="Name">Short name (the folder name).</param>
/// <param name="Items">Items in file order.</param>
/// <param name="Events">Events in replay order.</param>
public sealed record InteractionDataset(string Name, IReadOnlyList<DatasetItem> Items, IReadOnlyList<InteractionEvent> Events)
{
    /// <summary>
    /// True when items have no descriptive text of their own (Amazon reviews: no titles), so an item's text at any moment
    /// is built from the reviews written before that moment (<see cref="ItemTextTimeline"/>); false when
    /// <see cref="DatasetItem.EmbeddingText"/> is fixed for the whole replay (MovieLens).
    /// </summary>
    public bool ItemTextFromEarlierReviews { get; init; }
}
