namespace Seed.Core.Interest;

/// <summary>
/// What a user did with an item. The numeric values are part of the persisted model format: they select the
/// one-hot slot in <see cref="EventFeatures"/> that the trained LSTM was fitted on, and they are stored in
/// event logs. Never renumber or reorder; only append new kinds (which also needs a retrained model).
/// </summary>
public enum InteractionKind
{
    /// <summary>The item was shown in detail (weak positive signal).</summary>
    View = 0,

    /// <summary>The user opened or selected the item.</summary>
    Click = 1,

    /// <summary>The item was put in a basket or watch list.</summary>
    AddToCart = 2,

    /// <summary>The user bought or fully consumed the item (strongest implicit signal).</summary>
    Purchase = 3,

    /// <summary>An explicit star rating (0.5..5); its weight depends on the value.</summary>
    Rating = 4,

    /// <summary>The item was reached from a search.</summary>
    Search = 5,

    /// <summary>A written review, optionally with a rating.</summary>
    Review = 6,

    /// <summary>An explicit "not interested" (negative signal).</summary>
    Dislike = 7,

    /// <summary>The user attached a free-text tag to the item.</summary>
    Tag = 8,
}
