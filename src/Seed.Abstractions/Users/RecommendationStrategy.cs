namespace Seed.Abstractions.Users;

/// <summary>How a user's list was ranked (JSON: <c>personalized</c>, <c>popularity</c>).</summary>
[GenerateSerializer, Alias("Seed.RecommendationStrategy")]
public enum RecommendationStrategy
{
    /// <summary>By the user's interest vector (cosine, plus the learned model's popularity prior).</summary>
    Personalized = 0,

    /// <summary>By popularity: the user has no signal yet.</summary>
    Popularity = 1,
}
