using Seed.Abstractions;

namespace Seed.Api.Validation;

/// <summary>The wire names of event types. snake_case is canonical; kebab-case and PascalCase are accepted too.</summary>
public static class EventTypeNames
{
    private static readonly Dictionary<string, EventType> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["view"] = EventType.View,
        ["click"] = EventType.Click,
        ["add_to_cart"] = EventType.AddToCart,
        ["add-to-cart"] = EventType.AddToCart,
        ["addtocart"] = EventType.AddToCart,
        ["purchase"] = EventType.Purchase,
        ["rating"] = EventType.Rating,
        ["search"] = EventType.Search,
        ["review"] = EventType.Review,
        ["dislike"] = EventType.Dislike,
        ["tag"] = EventType.Tag,
    };

    public const string Expected = "view, click, add_to_cart, purchase, rating, search, review, dislike, tag";

    public static bool TryParse(string? name, out EventType type)
    {
        type = default;
        return name is not null && ByName.TryGetValue(name, out type);
    }

    /// <summary>Which of item and text an event type needs; the other one is optional.</summary>
    public static (bool NeedsItem, bool NeedsText) Requirements(EventType type) => type switch
    {
        EventType.View or EventType.Click or EventType.AddToCart or EventType.Purchase or EventType.Dislike or EventType.Rating => (true, false),
        EventType.Search or EventType.Review or EventType.Tag => (false, true),
        _ => (false, false),
    };
}
