using System.Text.Json;
using CsCheck;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Seed.Abstractions.Grains;
using Xunit.Abstractions;

namespace Seed.Api.Tests.Security;

/// <summary>
/// Property: whatever arrives, the server never answers 5xx, every 4xx is problem details, and a refused request
/// changes nothing (the users and items the requests name are compared before and after each refusal).
/// </summary>
public sealed class FuzzTests(FuzzTests.FuzzFactory factory, ITestOutputHelper output) : IClassFixture<FuzzTests.FuzzFactory>
{
    public const int Requests = 10_000;
    private readonly HttpClient _client = factory.CreateClient();
    private readonly IGrainFactory _grains = factory.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task Random_and_mutated_requests_never_get_a_5xx_and_refused_ones_change_nothing()
    {
        await SeedItemsAsync();
        var sent = 0;
        var byStatus = new Dictionary<int, int>();

        // One thread: each refusal is checked against the state just before it, which a concurrent request could change.
        await FuzzRequest.Any.SampleAsync(async request =>
        {
            var before = await StateAsync();
            using var response = await _client.SendAsync(request.ToMessage());
            var status = (int)response.StatusCode;
            sent++;
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;

            Assert.True(status < 500, $"{status} for {request}: {await response.Content.ReadAsStringAsync()}");
            if (status >= 400)
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{status} without problem details for {request}");
                using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
                Assert.Equal(before, await StateAsync());
            }
        }, iter: Requests, threads: 1);

        output.WriteLine($"{sent} requests: " + string.Join(", ", byStatus.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}: {pair.Value}")));
        Assert.True(sent >= Requests);
        // The generators reach past validation as well as into it: some requests change state, most are refused.
        Assert.Contains(byStatus.Keys, status => status is 200 or 202 or 204);
        Assert.True(byStatus.GetValueOrDefault(400) > 0 && byStatus.GetValueOrDefault(401) > 0 && byStatus.GetValueOrDefault(403) > 0);
    }

    private async Task SeedItemsAsync()
    {
        var items = string.Join(",", FuzzRequest.Items.Select(id => $"{{\"id\":\"{id}\",\"title\":\"Film {id}\",\"categories\":[\"Comedy\"]}}"));
        using var response = await _client.SendAsync(new FuzzRequest(HttpMethod.Post, "/v1/items", $"{{\"items\":[{items}]}}", "application/json", SecuredApiFactory.WriterKey).ToMessage());
        response.EnsureSuccessStatusCode();
    }

    /// <summary>What a refused request must leave alone: each fuzzed user's state and the catalog's items.</summary>
    private async Task<string> StateAsync()
    {
        var users = await Task.WhenAll(FuzzRequest.Users.Select(id => _grains.GetGrain<IUserGrain>(id).GetSummaryAsync()));
        var catalog = _grains.GetGrain<ICatalogGrain>(0);
        var statistics = await catalog.GetStatisticsAsync();
        var missing = await catalog.FindMissingAsync(FuzzRequest.Items);
        return string.Join(";", users.Select(user => $"{user.UserId}:{user.EventCount}:{user.Version}:{user.LastEventTime:O}:{string.Join(',', user.RecentItemIds)}"))
            + $"|items:{statistics.ItemCount}|missing:{string.Join(',', missing)}";
    }

    /// <summary>Auth on with a key that holds every scope, rate limits off (the property is about input, not budgets).</summary>
    public sealed class FuzzFactory : SecuredApiFactory
    {
        public const string AllScopesKey = "fuzz-key-all-scopes-7c1d";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            AddKey(builder, 4, "fuzzer", AllScopesKey, hashed: false, "events:write", "items:write", "users:read", "users:admin", "admin");
        }
    }
}
