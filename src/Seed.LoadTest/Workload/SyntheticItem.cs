namespace Seed.LoadTest.Workload;

/// <summary>An item of the generated catalog.</summary>
public sealed record SyntheticItem(string Id, string Title, string Category);
