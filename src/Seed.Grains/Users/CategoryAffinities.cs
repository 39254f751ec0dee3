using System.Runtime.InteropServices;

namespace Seed.Grains.Users;

/// <summary>
/// A user's time-decayed, event-weighted affinity per category (lower-cased), kept in the dictionary the grain
/// state persists. The same half-life as the long-term vector, so both views of the user age together. Category
/// names are kept as the silo-wide <paramref name="sharedStrings"/> instances.
/// </summary>
public sealed class CategoryAffinities(Dictionary<string, float> scores, TimeSpan halfLife, int limit, SharedStrings sharedStrings)
{
    /// <summary>
    /// Decays every score by the time since <paramref name="previous"/>, then adds <paramref name="weight"/> to each
    /// category. Call it for every event, with or without categories: <paramref name="previous"/> is the user's last
    /// event of any kind, so an event that skipped the decay would lose its share of the elapsed time for good.
    /// </summary>
    public void Add(IReadOnlyList<string> categories, float weight, DateTimeOffset? previous, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var elapsed = previous is null || now <= previous ? TimeSpan.Zero : now - previous.Value;
        var decay = (float)Math.Pow(0.5, elapsed / halfLife);
        if (decay < 1f)
        {
            // In place through value references: no copy of the keys per event, and changing values (not keys)
            // does not invalidate the enumeration.
            foreach (var key in scores.Keys)
            {
                CollectionsMarshal.GetValueRefOrNullRef(scores, key) *= decay;
            }
        }

        // Indexed, not foreach (an interface enumerator is an allocation per event), and one hash per category.
        for (var i = 0; i < categories.Count; i++)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(scores, sharedStrings.ShareLowerInvariant(categories[i]), out _) += weight;
        }

        if (scores.Count > limit)
        {
            foreach (var weakest in scores.OrderBy(pair => Math.Abs(pair.Value)).Take(scores.Count - limit).ToList())
            {
                scores.Remove(weakest.Key);
            }
        }
    }
}
