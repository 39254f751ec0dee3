using Seed.Abstractions.Catalog;

namespace Seed.Grains.Catalog;

/// <summary>
/// What the catalog tier itself requires of an item, whoever sends it. The REST API checks more (lengths, label
/// counts) and answers 400 before anything reaches a grain; an Orleans client reaches the grains directly, so the
/// rules that keep the shard's arithmetic sound are enforced here as well.
/// </summary>
public static class CatalogItemRules
{
    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming the item and the field when any item breaks a rule; checks
    /// them all before the caller changes anything, so a rejected batch leaves the catalog as it was.
    /// </summary>
    public static void RequireValid(IEnumerable<CatalogItem?> items, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(items);
        var index = 0;
        foreach (var item in items)
        {
            if (item is null)
            {
                throw new ArgumentException($"Item {index} is null.", parameterName);
            }

            if (string.IsNullOrWhiteSpace(item.Id))
            {
                throw new ArgumentException($"Item {index}: {nameof(CatalogItem.Id)} must not be empty.", parameterName);
            }

            // A negative or non-finite count has no meaning, and the popularity prior (a log of the count) and the
            // cold-start order cannot rank it.
            if (!double.IsFinite(item.Popularity) || item.Popularity < 0)
            {
                throw new ArgumentException(
                    $"Item '{item.Id}': {nameof(CatalogItem.Popularity)} must be a finite number >= 0, not {item.Popularity}.",
                    parameterName);
            }

            index++;
        }
    }
}
