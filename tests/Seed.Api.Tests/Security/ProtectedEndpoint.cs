using System.Text;

namespace Seed.Api.Tests.Security;

/// <summary>One endpoint that needs a scope, and a request to it that is harmless once authorized (it fails validation or reads).</summary>
public sealed record ProtectedEndpoint(string Name, HttpMethod Method, string Path, string Scope, string? Body = null)
{
    public const string User = "security-user";

    public static IReadOnlyList<ProtectedEndpoint> All { get; } =
    [
        new("events", HttpMethod.Post, "/v1/events", "events:write", "{}"),
        new("items", HttpMethod.Post, "/v1/items", "items:write", "{}"),
        new("recommendations", HttpMethod.Get, $"/v1/users/{User}/recommendations", "users:read"),
        new("item rank", HttpMethod.Get, $"/v1/users/{User}/recommendations/no-such-item", "users:read"),
        new("interests", HttpMethod.Get, $"/v1/users/{User}/interests", "users:read"),
        new("summary", HttpMethod.Get, $"/v1/users/{User}", "users:read"),
        new("export", HttpMethod.Get, $"/v1/users/{User}/export", "users:admin"),
        new("erase", HttpMethod.Delete, $"/v1/users/{User}", "users:admin"),
        new("dashboard", HttpMethod.Get, "/dashboard/", "admin"),
    ];

    public static TheoryData<string> Names() => [.. All.Select(endpoint => endpoint.Name)];

    /// <summary>The REST endpoints, which spend rate-limit budgets (the dashboard's pages poll and have none).</summary>
    public static TheoryData<string> ApiNames() => [.. All.Where(endpoint => endpoint.Path.StartsWith("/v1/", StringComparison.Ordinal)).Select(endpoint => endpoint.Name)];

    public static ProtectedEndpoint Named(string name) => All.Single(endpoint => endpoint.Name == name);

    public HttpRequestMessage Request(string? bearerKey = null, string? body = null)
    {
        var request = new HttpRequestMessage(Method, Path);
        if ((body ?? Body) is { } content)
        {
            request.Content = new StringContent(content, Encoding.UTF8, "application/json");
        }

        if (bearerKey is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerKey);
        }

        return request;
    }
}
