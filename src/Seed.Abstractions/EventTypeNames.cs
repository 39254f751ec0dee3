using System.Text.Json;

namespace Seed.Abstractions;

/// <summary>
/// The names of <see cref="EventType"/> outside .NET: snake_case on the wire (<c>add_to_cart</c>), the spelling the
/// REST API's JSON converter writes. Derived from the enum, so a new kind needs no second list.
/// </summary>
public static class EventTypeNames
{
    private static readonly Dictionary<string, EventType> ByCanonicalName = Enum.GetValues<EventType>()
        .ToDictionary(type => Canonical(type.ToString()), StringComparer.OrdinalIgnoreCase);

    /// <summary>Every wire name in enum order, for error messages and documentation.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<EventType>().Select(WireName).ToArray();

    /// <summary>"view, click, add_to_cart, ...": what an error message lists as expected.</summary>
    public static string Expected { get; } = string.Join(", ", All);

    /// <summary>The snake_case wire name of <paramref name="type"/>.</summary>
    public static string WireName(EventType type) => Enum.IsDefined(type)
        ? JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString())
        : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a defined event type.");

    /// <summary>
    /// Parses a name in any common spelling: snake_case is canonical; kebab-case, camelCase and PascalCase are
    /// accepted too (Python and C# spell enum names differently), case-insensitively. Numbers are not names.
    /// </summary>
    public static bool TryParse(string? name, out EventType type)
    {
        type = default;
        return name is not null && ByCanonicalName.TryGetValue(Canonical(name), out type);
    }

    private static string Canonical(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}
