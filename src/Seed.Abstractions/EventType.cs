namespace Seed.Abstractions;

/// <summary>
/// The kinds of user behaviour the product understands. The numeric values are persisted and are also the
/// one-hot positions the interest model was trained with, so they must never be renumbered.
/// </summary>
public enum EventType
{
    View = 0,
    Click = 1,
    AddToCart = 2,
    Purchase = 3,
    Rating = 4,
    Search = 5,
    Review = 6,
    Dislike = 7,
    Tag = 8,
}
