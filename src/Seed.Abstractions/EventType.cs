namespace Seed.Abstractions;

/// <summary>
/// What a user did. One enum for the wire, the event logs and the interest model: the numeric values are stored in
/// event logs and select the one-hot slot in the model's event features that the trained LSTM was fitted on. Never
/// renumber or reorder; only append new kinds (which also needs a retrained model).
/// </summary>
[GenerateSerializer, Alias("Seed.EventType")]
public enum EventType
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

    /// <summary>A free-text search (or an item reached from one).</summary>
    Search = 5,

    /// <summary>A written review, optionally of an item and with a rating.</summary>
    Review = 6,

    /// <summary>An explicit "not interested" (negative signal).</summary>
    Dislike = 7,

    /// <summary>The user attached a free-text tag (to an item or alone).</summary>
    Tag = 8,
}
