namespace Seed.LoadTest.Workload;

/// <summary>An item the harness puts into the catalog before a run (generated, or a data set's item).</summary>
/// <param name="Text">Explicit text to embed instead of title, categories and tags (an Amazon item's earlier reviews).</param>
public sealed record LoadItem(string Id, string Title, IReadOnlyList<string> Categories, IReadOnlyList<string> Tags, double Popularity = 0, string? Text = null);
