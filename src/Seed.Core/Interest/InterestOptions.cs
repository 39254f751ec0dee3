using Seed.Abstractions;
using Seed.Abstractions.Configuration;

namespace Seed.Core.Interest;

/// <summary>
/// Tuning of the user-interest update, bound from configuration section <see cref="SectionName"/>.
/// Event weights scale how far one interaction pulls the interest vectors; half-lives set how fast old
/// interactions fade. <see cref="InterestOptionsValidator"/> checks the rules below: the host when it starts, and
/// <see cref="InterestTracker"/> for options built in code.
/// </summary>
public sealed class InterestOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "Seed:Interest";

    /// <summary>Half-life of the long-term interest vector (stable taste).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", SettingRangeAttribute.MaxDuration, MinimumIsExclusive = true,
        ErrorMessage = SectionName + ":LongTermHalfLife must be a positive duration.")]
    public TimeSpan LongTermHalfLife { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Half-life of the fallback short-term average (current session intent).</summary>
    [SettingRange(typeof(TimeSpan), "00:00:00", SettingRangeAttribute.MaxDuration, MinimumIsExclusive = true,
        ErrorMessage = SectionName + ":ShortTermHalfLife must be a positive duration.")]
    public TimeSpan ShortTermHalfLife { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Weight of <see cref="EventType.View"/>.</summary>
    [SettingRange(float.MinValue, float.MaxValue, ErrorMessage = SectionName + ":ViewWeight must be a finite number.")]
    public float ViewWeight { get; set; } = 0.5f;

    /// <summary>Weight of <see cref="EventType.Click"/>, and of a rating event without a value.</summary>
    [SettingRange(float.MinValue, float.MaxValue, ErrorMessage = SectionName + ":ClickWeight must be a finite number.")]
    public float ClickWeight { get; set; } = 1f;

    /// <summary>Weight of <see cref="EventType.AddToCart"/>.</summary>
    [SettingRange(float.MinValue, float.MaxValue, ErrorMessage = SectionName + ":AddToCartWeight must be a finite number.")]
    public float AddToCartWeight { get; set; } = 2f;

    /// <summary>Weight of <see cref="EventType.Purchase"/>.</summary>
    [SettingRange(float.MinValue, float.MaxValue, ErrorMessage = SectionName + ":PurchaseWeight must be a finite number.")]
    public float PurchaseWeight { get; set; } = 3f;

    /// <summary>Weight of <see cref="EventType.Search"/>.</summary>
    [SettingRange(float.MinValue, float.MaxValue, ErrorMessage = SectionName + ":SearchWeight must be a finite number.")]
    public float SearchWeight { get; set; } = 0.75f;

    /// <summary>Weight of a <see cref="EventType.Review"/> without a rating.</summary>
    [SettingRange(float.MinValue, float.MaxValue, ErrorMessage = SectionName + ":ReviewWeight must be a finite number.")]
    public float ReviewWeight { get; set; } = 1f;

    /// <summary>Weight of <see cref="EventType.Tag"/>.</summary>
    [SettingRange(float.MinValue, float.MaxValue, ErrorMessage = SectionName + ":TagWeight must be a finite number.")]
    public float TagWeight { get; set; } = 1f;

    /// <summary>Weight of <see cref="EventType.Dislike"/>; negative so it pushes interest away from the item.</summary>
    [SettingRange(float.MinValue, float.MaxValue, ErrorMessage = SectionName + ":DislikeWeight must be a finite number.")]
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

    // NaN or infinite "ratings" come from broken upstream data; treating them as absent is safer than a NaN weight.
    private static bool IsUsableRating(float? rating) => rating is { } value && float.IsFinite(value);

    private static float RatingWeight(float rating) => rating switch
    {
        >= 4f => 1f + (rating - 4f),
        >= 3f => 0.25f,
        >= 2f => -0.5f,
        _ => -1f,
    };
}
