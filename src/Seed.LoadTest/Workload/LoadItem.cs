namespace Seed.LoadTest.Workload;

/// <summary>An item the harness puts into the catalog before a run (generated, or a data set's item).</summary>
public sealed record LoadItem(string Id, string Title, IReadOnlyList<string> Categories, IReadOnlyList<string> Tags, double Popularity = 0);
