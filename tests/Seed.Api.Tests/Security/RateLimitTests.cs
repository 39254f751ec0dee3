using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Seed.Api.Tests.Security;

/// <summary>
/// Each caller has a write and a read budget; a request past it gets 429 problem details with <c>Retry-After</c>.
/// The buckets refill once a day here, so nothing depends on how fast the test runs.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.TightBudgetFactory factory) : IClassFixture<RateLimitTests.TightBudgetFactory>
{
    private const int Burst = 2;
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [MemberData(nameof(ProtectedEndpoint.ApiNames), MemberType = typeof(ProtectedEndpoint))]
    public async Task A_request_past_the_callers_budget_gets_429_with_Retry_After(string name)
    {
        var endpoint = ProtectedEndpoint.Named(name);
        var key = TightBudgetFactory.KeyFor(endpoint.Name);
        for (var i = 0; i < Burst; i++)
        {
            using var allowed = await _client.SendAsync(endpoint.Request(key));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        using var refused = await _client.SendAsync(endpoint.Request(key));

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
    }

    [Fact]
    public async Task Spent_writes_leave_the_read_budget_and_other_callers_alone()
    {
        var key = TightBudgetFactory.KeyFor("mixed");
        for (var i = 0; i <= Burst; i++)
        {
            using var write = await _client.SendAsync(ProtectedEndpoint.Named("events").Request(key));
        }

        using var writeRefused = await _client.SendAsync(ProtectedEndpoint.Named("events").Request(key));
        using var read = await _client.SendAsync(ProtectedEndpoint.Named("summary").Request(key));
        using var otherCaller = await _client.SendAsync(ProtectedEndpoint.Named("events").Request(TightBudgetFactory.KeyFor("other")));

        Assert.Equal(HttpStatusCode.TooManyRequests, writeRefused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherCaller.StatusCode);
    }

    /// <summary>Auth on, one all-scope key per test case, budgets of <see cref="Burst"/> requests a day.</summary>
    public sealed class TightBudgetFactory : SecuredApiFactory
    {
        private static readonly string[] Callers = [.. ProtectedEndpoint.All.Select(endpoint => endpoint.Name), "mixed", "other"];

        public static string KeyFor(string caller) => "limit-key-" + caller.Replace(' ', '-');

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Seed:RateLimits:Enabled", "true");
            builder.UseSetting("Seed:RateLimits:Period", "1.00:00:00");
            builder.UseSetting("Seed:RateLimits:WritesPerPeriod", "1");
            builder.UseSetting("Seed:RateLimits:ReadsPerPeriod", "1");
            builder.UseSetting("Seed:RateLimits:WriteBurst", Burst.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Seed:RateLimits:ReadBurst", Burst.ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (var i = 0; i < Callers.Length; i++)
            {
                AddKey(builder, 10 + i, "limited " + Callers[i], KeyFor(Callers[i]), hashed: false, "events:write", "items:write", "users:read", "users:admin");
            }
        }
    }
}
