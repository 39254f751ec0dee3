namespace Seed.Api.Security;

/// <summary>
/// The permissions an API key or token carries. Each endpoint requires exactly one; no scope implies another, so a
/// key handed to an event-producing frontend cannot read or erase users.
/// </summary>
public static class Scopes
{
    /// <summary><c>POST /v1/events</c>.</summary>
    public const string EventsWrite = "events:write";

    /// <summary><c>POST /v1/items</c>.</summary>
    public const string ItemsWrite = "items:write";

    /// <summary>Recommendations, item rank, interests and the state summary of any user.</summary>
    public const string UsersRead = "users:read";

    /// <summary>Erasing a user and exporting everything stored about them.</summary>
    public const string UsersAdmin = "users:admin";

    /// <summary>The Orleans dashboard (log stream included) and anything operational.</summary>
    public const string Admin = "admin";

    /// <summary>The claim that carries scopes: one per scope for API keys, space-separated in OAuth 2.0 tokens.</summary>
    public const string ClaimType = "scope";

    /// <summary>Microsoft Entra ID's name for <see cref="ClaimType"/>.</summary>
    public const string EntraClaimType = "scp";

    public static IReadOnlyList<string> All { get; } = [EventsWrite, ItemsWrite, UsersRead, UsersAdmin, Admin];
}
