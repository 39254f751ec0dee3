using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Seed.Api.Tests.Security;

/// <summary>With <c>Seed:Auth</c> on: no key → 401, a key without the endpoint's scope → 403, both as problem details.</summary>
public sealed class AuthenticationTests(SecuredApiFactory factory) : IClassFixture<SecuredApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [MemberData(nameof(ProtectedEndpoint.Names), MemberType = typeof(ProtectedEndpoint))]
    public async Task A_request_without_a_key_gets_401_problem_details_with_a_challenge(string name)
    {
        var endpoint = ProtectedEndpoint.Named(name);

        using var response = await _client.SendAsync(endpoint.Request());

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(endpoint.Scope, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoint.Names), MemberType = typeof(ProtectedEndpoint))]
    public async Task A_key_that_is_not_configured_gets_401(string name)
    {
        using var response = await _client.SendAsync(ProtectedEndpoint.Named(name).Request("not-a-configured-key"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoint.Names), MemberType = typeof(ProtectedEndpoint))]
    public async Task A_key_without_the_endpoints_scope_gets_403_naming_the_scope(string name)
    {
        var endpoint = ProtectedEndpoint.Named(name);

        using var response = await _client.SendAsync(endpoint.Request(SecuredApiFactory.KeysFor(endpoint.Scope).Other));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains(endpoint.Scope, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ProtectedEndpoint.Names), MemberType = typeof(ProtectedEndpoint))]
    public async Task A_key_with_the_scope_is_let_through(string name)
    {
        var endpoint = ProtectedEndpoint.Named(name);

        using var response = await _client.SendAsync(endpoint.Request(SecuredApiFactory.KeysFor(endpoint.Scope).Holder));

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, $"{name}: {response.StatusCode}");
    }

    [Fact]
    public async Task The_key_may_come_in_the_X_API_Key_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{ProtectedEndpoint.User}");
        request.Headers.Add("X-API-Key", SecuredApiFactory.ReaderKey);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_key_configured_by_its_hash_only_is_accepted()
    {
        using var response = await _client.SendAsync(ProtectedEndpoint.Named("export").Request(SecuredApiFactory.PrivacyKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_dashboard_asks_a_browser_for_the_admin_key_by_a_Basic_prompt()
    {
        using var anonymous = await _client.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains(anonymous.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Basic");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + SecuredApiFactory.AdminKey)));
        using var admin = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task The_web_page_and_health_stay_open_so_the_page_can_ask_for_a_key()
    {
        using var page = await _client.GetAsync("/");
        using var script = await _client.GetAsync("/app.js");
        using var health = await _client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_write_key_changes_state_that_a_read_key_then_sees()
    {
        var user = "auth-roundtrip-" + Guid.NewGuid().ToString("N")[..8];
        using var write = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
        {
            Content = new StringContent(
                $"{{\"events\":[{{\"eventId\":\"e1\",\"userId\":\"{user}\",\"type\":\"search\",\"text\":\"space opera\"}}]}}", Encoding.UTF8, "application/json"),
        };
        write.Headers.Add("X-API-Key", SecuredApiFactory.WriterKey);
        using var written = await _client.SendAsync(write);
        Assert.Equal(HttpStatusCode.Accepted, written.StatusCode);

        using var read = new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{user}");
        read.Headers.Add("X-API-Key", SecuredApiFactory.ReaderKey);
        using var summary = await _client.SendAsync(read);
        Assert.Equal(1, (await summary.JsonAsync()).GetProperty("eventCount").GetInt64());
    }
}
