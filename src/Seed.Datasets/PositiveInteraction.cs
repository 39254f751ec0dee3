using Seed.Abstractions;
using Seed.Core.Interest;

namespace Seed.Datasets;

/// <summary>Which interactions count as "the user liked this item": the targets of the evaluation and the inputs of the profile baselines.</summary>
public static class PositiveInteraction
{
    /// <summary>
    /// Ratings and reviews of 4 stars and up (the same threshold as <see cref="InterestOptions.WeightFor"/>), clicks,
    /// add-to-carts and purchases. A review without stars says nothing certain about liking, so it is not a target.
    /// </summary>
    public const float MinimumPositiveRating = 4f;

    /// <summary>True for a positive interaction.</summary>
    public static bool IsPositive(InteractionEvent interaction) => interaction.Kind switch
    {
        EventType.Rating or EventType.Review => interaction.Rating is { } rating && rating >= MinimumPositiveRating,
        EventType.Click or EventType.AddToCart or EventType.Purchase => true,
        _ => false,
    };
}
