namespace Seed.Grains.Users;

/// <summary>What an event means in vector space: the embedding it moves the user with, and its item's categories (empty without an item).</summary>
public readonly record struct ResolvedEvent(float[] Embedding, IReadOnlyList<string> Categories);
