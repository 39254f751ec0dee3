using Seed.Abstractions;
using Seed.Core.Interest;

namespace Seed.Datasets;

/// <summary>
/// One user interaction read from a public data set, in the product's own vocabulary (<see cref="EventType"/>),
/// so that evaluation and training replay exactly what the cluster would receive.
/// <para>Star ratings are <see cref="EventType.Rating"/> events carrying the value: <see cref="InterestOptions.WeightFor"/>
/// turns &gt;= 4 into a positive pull, [3, 4) into a weak positive and &lt; 3 into a push away.
/// User tags are <see cref="EventType.Tag"/> events whose <see cref="Text"/> is the tag. Amazon reviews are
/// <see cref="EventType.Review"/> events carrying their stars in <see cref="Rating"/> (weighted like a rating) and
/// their headline and body in <see cref="Text"/>.</para>
/// </summary>
/// <param name="UserId">The data set's user id, as text.</param>
/// <param name="ItemId">The data set's item id, as text (matches <see cref="DatasetItem.Id"/>).</param>
/// <param name="Timestamp">When the interaction happened (UTC).</param>
/// <param name="Kind">What the user did.</param>
/// <param name="Rating">The star rating for rating and review events, else null.</param>
/// <param name="Text">Free text (the tag of a tag event, the words of a review), else null.</param>
public sealed record InteractionEvent(string UserId, string ItemId, DateTimeOffset Timestamp, EventType Kind, float? Rating, string? Text);
