using Seed.Abstractions;

namespace Seed.Core.Interest;

/// <summary>
/// Tuning of the user-interest update, bound from configuration section <see cref="SectionName"/>.
/// Event weights scale how far one interaction pulls the interest vectors; half-lives set how fast old
/// interactions fade.
/// </summary>
public sealed class InterestOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "Seed:Interest";

    /// <summary>Half-life of the long-term interest vector (stable taste).</summary>
    public TimeSpan LongTermHalfLife { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Half-life of the fallback short-term average (current session intent).</summary>
    public TimeSpan ShortTermHalfLife { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Weight of <see cref="EventType.View"/>.</summary>
    public float ViewWeight { get; set; } = 0.5f;

    /// <summary>Weight of <see cref="EventType.Click"/>, and of a rating event without a value.</summary>
    public float ClickWeight { get; set; } = 1f;

    /// <summary>Weight of <see cref="EventType.AddToCart"/>.</summary>
    public float AddToCartWeight { get; set; } = 2f;

    /// <summary>Weight of <see cref="EventType.Purchase"/>.</summary>
    public float PurchaseWeight { get; set; } = 3f;

    /// <summary>Weight of <see cref="EventType.Search"/>.</summary>
    public float SearchWeight { get; set; } = 0.75f;

    /// <summary>Weight of a <see cref="EventType.Review"/> without a rating.</summary>
    public float ReviewWeight { get; set; } = 1f;

    /// <summary>Weight of <see cref="EventType.Tag"/>.</summary>
    public float TagWeight { get; set; } = 1f;

    /// <summary>Weight of <see cref="EventType.Dislike"/>; negative so it pushes interest away from the item.</summary>
    public float DislikeWeight { get; set; } = -1.5f;

    /// <summary>
    /// Signed weight of one interaction. Ratings (0.5..5 stars) map to: &gt;= 4 → 1 + (rating − 4) (4★ → 1, 5★ → 2);
    /// [3, 4) → +0.25 (lukewarm but still chosen); [2, 3) → −0.5; &lt; 2 → −1. A rating event without a usable value
    /// counts like a click; a review with a rating uses the rating mapping, otherwise <see cref="ReviewWeight"/>.
    /// </summary>
    public float WeightFor(EventType kind, float? rating) => kind switch
    {
        EventType.View => ViewWeight,
        EventType.Click => ClickWeight,
        EventType.AddToCart => AddToCartWeight,
        EventType.Purchase => PurchaseWeight,
        EventType.Rating => IsUsableRating(rating) ? RatingWeight(rating!.Value) : ClickWeight,
        EventType.Search => SearchWeight,
        EventType.Review => IsUsableRating(rating) ? RatingWeight(rating!.Value) : ReviewWeight,
        EventType.Dislike => DislikeWeight,
        EventType.Tag => TagWeight,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown interaction kind."),
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        RequirePositive(LongTermHalfLife, nameof(LongTermHalfLife));
        RequirePositive(ShortTermHalfLife, nameof(ShortTermHalfLife));
        RequireFinite(ViewWeight, nameof(ViewWeight));
        RequireFinite(ClickWeight, nameof(ClickWeight));
        RequireFinite(AddToCartWeight, nameof(AddToCartWeight));
        RequireFinite(PurchaseWeight, nameof(PurchaseWeight));
        RequireFinite(SearchWeight, nameof(SearchWeight));
        RequireFinite(ReviewWeight, nameof(ReviewWeight));
        RequireFinite(TagWeight, nameof(TagWeight));
        RequireFinite(DislikeWeight, nameof(DislikeWeight));
    }

    // NaN or infinite "ratings" come from broken upstream data; treating them as absent is safer than a NaN weight.
    private static bool IsUsableRating(float? rating) => rating is { } value && float.IsFinite(value);

    private static float RatingWeight(float rating) => rating switch
    {
        >= 4f => 1f + (rating - 4f),
        >= 3f => 0.25f,
        >= 2f => -0.5f,
        _ => -1f,
    };

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{SectionName}:{name} must be a positive duration (was {value}).");
        }
    }

    private static void RequireFinite(float value, string name)
    {
        if (!float.IsFinite(value))
        {
            throw new ArgumentException($"{SectionName}:{name} must be a finite number (was {value}).");
        }
    }
}
