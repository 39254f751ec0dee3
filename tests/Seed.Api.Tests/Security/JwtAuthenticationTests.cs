using System.Net;
using System.Net.Http.Headers;

namespace Seed.Api.Tests.Security;

/// <summary>
/// With <c>Seed:Auth:Jwt:Authority</c> set: a bearer token from the authority is let through by the scopes in its
/// <c>scope</c> or <c>scp</c> claim, a token that fails validation is a 401 that says why, and API keys keep working.
/// </summary>
public sealed class JwtAuthenticationTests(JwtApiFactory factory) : IClassFixture<JwtApiFactory>
{
    private static readonly string UserPath = $"/v1/users/{ProtectedEndpoint.User}";
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_token_with_the_scope_reads_a_user()
    {
        using var response = await SendAsync(HttpMethod.Get, factory.Token(Claims("scope", "users:read")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ProtectedEndpoint.User, (await response.JsonAsync()).GetProperty("userId").GetString());
    }

    [Fact]
    public async Task The_same_token_may_not_erase_the_user_and_is_told_which_scope_it_lacks()
    {
        using var response = await SendAsync(HttpMethod.Delete, factory.Token(Claims("scope", "users:read")));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("'users:admin'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_holding_users_admin_among_other_scopes_erases_the_user()
    {
        using var response = await SendAsync(HttpMethod.Delete, factory.Token(Claims("scope", "events:write users:admin")));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_gets_401()
    {
        // Expired an hour ago, well past the handler's five minutes of allowed clock skew.
        using var response = await SendAsync(HttpMethod.Get, factory.Token(Claims("scope", "users:read"), issuedAt: DateTime.UtcNow.AddHours(-2)));

        await AssertRejectedTokenAsync(response, "expired");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_gets_401()
    {
        using var response = await SendAsync(HttpMethod.Get, factory.Token(Claims("scope", "users:read"), signWith: JwtApiFactory.NewKey()));

        await AssertRejectedTokenAsync(response, "signature");
    }

    [Fact]
    public async Task A_token_from_another_issuer_gets_401()
    {
        using var response = await SendAsync(HttpMethod.Get, factory.Token(Claims("scope", "users:read"), issuer: "https://elsewhere.invalid/"));

        await AssertRejectedTokenAsync(response, "issuer");
    }

    [Fact]
    public async Task A_token_for_another_audience_gets_401()
    {
        using var response = await SendAsync(HttpMethod.Get, factory.Token(Claims("scope", "users:read"), audience: "another-api"));

        await AssertRejectedTokenAsync(response, "audience");
    }

    [Fact]
    public async Task An_API_key_still_works_next_to_the_authority()
    {
        using var bearer = await SendAsync(HttpMethod.Get, SecuredApiFactory.ReaderKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, UserPath);
        request.Headers.Add("X-API-Key", SecuredApiFactory.ReaderKey);
        using var header = await _client.SendAsync(request);
        using var unknown = await SendAsync(HttpMethod.Get, "not-a-configured-key");

        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, header.StatusCode);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.Unauthorized);
    }

    /// <summary>Entra ID sends <c>scp</c> space-separated; other providers send a JSON array, which arrives as one claim per scope.</summary>
    [Theory]
    [InlineData("scp", false)]
    [InlineData("scp", true)]
    [InlineData("scope", true)]
    public async Task Scopes_are_read_from_scp_and_from_arrays(string claim, bool asArray)
    {
        object scopes = asArray ? new[] { "events:write", "users:read" } : "events:write users:read";
        var token = factory.Token(Claims(claim, scopes));

        using var read = await SendAsync(HttpMethod.Get, token);
        using var erase = await SendAsync(HttpMethod.Delete, token);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await ProblemAssert.IsProblemAsync(erase, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_valid_token_without_any_scope_gets_403()
    {
        using var response = await SendAsync(HttpMethod.Get, factory.Token(new Dictionary<string, object> { ["sub"] = "no-scopes" }));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("'users:read'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, object> Claims(string claim, object scopes) => new() { ["sub"] = "shop-frontend", [claim] = scopes };

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string bearer)
    {
        using var request = new HttpRequestMessage(method, UserPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await _client.SendAsync(request);
    }

    /// <summary>
    /// A 401 problem whose challenge says the JWT handler refused the token and why, so that a token refused for
    /// some other reason (looked up as an API key, a broken test key) cannot pass for the case under test.
    /// </summary>
    private static async Task AssertRejectedTokenAsync(HttpResponseMessage response, string reason)
    {
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate, header => header.Scheme == "Bearer");
        Assert.Contains("invalid_token", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains(reason, challenge.Parameter, StringComparison.OrdinalIgnoreCase);
    }
}
