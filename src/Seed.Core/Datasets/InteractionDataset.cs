namespace Seed.Core.Datasets;

/// <summary>
/// A loaded data set: its items and its interaction events, sorted by timestamp with ties broken by user id, then
/// item id (ordinal), then the order the rows were read in, so every replay of the same files is identical.
/// </summary>
/// <param name="Name">Short name (the folder name).</param>
/// <param name="Items">Items in file order.</param>
/// <param name="Events">Events in replay order.</param>
public sealed record InteractionDataset(string Name, IReadOnlyList<DatasetItem> Items, IReadOnlyList<InteractionEvent> Events);
