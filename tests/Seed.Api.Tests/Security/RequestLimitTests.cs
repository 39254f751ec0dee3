using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Seed.Abstractions;
using Seed.Abstractions.Events;
using Seed.Abstractions.Grains;

namespace Seed.Api.Tests.Security;

/// <summary>
/// A body over <c>Seed:Api:MaxRequestBodyBytes</c> (1 MiB) gets 413 problem details on every endpoint before anything
/// reads it, key or no key, and changes nothing; JSON nested past <c>Seed:Api:MaxJsonDepth</c> is a 400 naming where.
/// </summary>
public sealed class RequestLimitTests(SecuredApiFactory factory) : IClassFixture<SecuredApiFactory>
{
    private const int DefaultLimit = 1024 * 1024;
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [MemberData(nameof(ProtectedEndpoint.Names), MemberType = typeof(ProtectedEndpoint))]
    public async Task A_body_over_the_limit_gets_413_and_changes_nothing(string name)
    {
        var endpoint = ProtectedEndpoint.Named(name);
        // The user has something to lose, so that an oversized erase or event batch that got through would show.
        var user = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(ProtectedEndpoint.User);
        await user.ApplyEventsAsync([new UserEvent { EventId = "kept", Type = EventType.Search, Text = "space opera", Timestamp = DateTimeOffset.UtcNow }]);
        var before = await user.GetSummaryAsync();
        var oversized = "{\"events\":[" + new string(' ', DefaultLimit) + "]}";

        using var response = await _client.SendAsync(endpoint.Request(SecuredApiFactory.KeysFor(endpoint.Scope).Holder, oversized));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("MaxRequestBodyBytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var after = await user.GetSummaryAsync();
        Assert.Equal((1L, before.Version), (after.EventCount, after.Version));
    }

    [Fact]
    public async Task A_body_just_under_the_limit_is_read()
    {
        var body = "{\"events\":[]}" + new string(' ', DefaultLimit - 20);
        using var request = ProtectedEndpoint.Named("events").Request(SecuredApiFactory.WriterKey, body);

        using var response = await _client.SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("events", out _));
    }

    [Fact]
    public async Task Json_nested_deeper_than_the_limit_is_a_400_naming_the_path()
    {
        // In a property the contract does not know, which the reader would otherwise skip whatever its depth.
        var nested = string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40);
        var body = $"{{\"events\":[{{\"eventId\":\"e1\",\"userId\":\"u\",\"type\":\"search\",\"text\":\"x\",\"unknown\":{nested}}}]}}";
        using var request = ProtectedEndpoint.Named("events").Request(SecuredApiFactory.WriterKey, body);

        using var response = await _client.SendAsync(request);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.StartsWith("events[0].unknown", error.Name, StringComparison.Ordinal);
        Assert.Contains("depth", error.Value[0].GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_the_page_a_strict_policy()
    {
        using var page = await _client.GetAsync("/");
        using var refused = await _client.GetAsync($"/v1/users/{ProtectedEndpoint.User}");

        foreach (var response in new[] { page, refused })
        {
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }

        var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_length_is_refused_even_without_a_key()
    {
        using var request = ProtectedEndpoint.Named("items").Request(body: new string('x', DefaultLimit + 1));

        using var response = await _client.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }
}
