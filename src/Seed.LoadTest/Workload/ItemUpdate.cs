namespace Seed.LoadTest.Workload;

/// <summary>Items whose text changed with the reviews of <see cref="After"/>: due before any event later than that moment.</summary>
public sealed record ItemUpdate(DateTimeOffset After, IReadOnlyList<LoadItem> Items);
