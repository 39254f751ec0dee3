using System.Globalization;
using System.Text.Json.Serialization;

namespace Seed.LoadTest.Reporting;

/// <summary>
/// The "event -> visible" figures of an --event-then-recommend run (measured interval): how many round trips showed
/// their event in the list read right after it, and the round trip's p99 against its own recommendation leg's p99 (the
/// target: at most 2).
/// </summary>
/// <param name="Checked">Round trips whose event named an item of the user's last list: <see cref="Visible"/> plus <see cref="NotVisible"/>.</param>
/// <param name="Unchecked">Round trips with no list to pick the item from (the user's first, or the first after an empty list or a failure).</param>
/// <param name="VisibleFraction">Visible / checked; null when nothing was checked.</param>
/// <param name="RoundTripP99Ms">The round trip's p99 (as in the operations' "round-trip").</param>
/// <param name="RecommendP99Ms">The recommendation leg's p99 (as in the operations' "recommend").</param>
/// <param name="RoundTripToRecommendP99">Round-trip p99 / recommendation-leg p99 of the same run; null without recommendations.</param>
public sealed record VisibilitySummary(
    [property: JsonPropertyName("checked")] long Checked,
    [property: JsonPropertyName("visible")] long Visible,
    [property: JsonPropertyName("notVisible")] long NotVisible,
    [property: JsonPropertyName("unchecked")] long Unchecked,
    [property: JsonPropertyName("visibleFraction")] double? VisibleFraction,
    [property: JsonPropertyName("roundTripP99Ms")] double RoundTripP99Ms,
    [property: JsonPropertyName("recommendP99Ms")] double RecommendP99Ms,
    [property: JsonPropertyName("roundTripToRecommendP99")] double? RoundTripToRecommendP99)
{
    /// <summary>The figures in one sentence, for the console summary and the HTML report.</summary>
    public string Describe()
    {
        var fraction = VisibleFraction is { } share ? string.Create(CultureInfo.InvariantCulture, $" ({share:P1})") : "";
        var ratio = RoundTripToRecommendP99 is { } times ? string.Create(CultureInfo.InvariantCulture, $": x{times:0.##} (target <= 2)") : "";
        return string.Create(CultureInfo.InvariantCulture, $"Event -> visible: {Visible:N0} of {Checked:N0} checked round trips showed their event{fraction}, {NotVisible:N0} did not, {Unchecked:N0} unchecked (no earlier list for the user). Round-trip p99 {RoundTripP99Ms:0.###} ms, recommendation leg p99 {RecommendP99Ms:0.###} ms{ratio}.");
    }
}
