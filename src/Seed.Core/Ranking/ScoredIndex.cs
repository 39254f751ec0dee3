namespace Seed.Core.Ranking;

/// <summary>A row of an <see cref="EmbeddingMatrix"/> with its relevance score (higher is better).</summary>
/// <param name="Index">Row index.</param>
/// <param name="Score">Dot product with the query (cosine for unit vectors).</param>
public readonly record struct ScoredIndex(int Index, float Score);
