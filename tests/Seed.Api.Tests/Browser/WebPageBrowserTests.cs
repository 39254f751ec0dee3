using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Seed.Abstractions.Grains;
using Seed.Api.Tests.Security;

namespace Seed.Api.Tests.Browser;

/// <summary>
/// The web page in a real browser against the silo on Kestrel with <c>Seed:Auth</c> on: the page asks for a key,
/// refuses a wrong one, then shows recommendations; "Buy" changes the list, the recent items and the interests;
/// "Forget me" erases the user.
/// </summary>
public sealed class WebPageBrowserTests(WebPageBrowserTests.KestrelFactory factory) : IClassFixture<WebPageBrowserTests.KestrelFactory>
{
    private const string User = "demo-user";

    [ChromiumFact]
    public async Task The_page_asks_for_a_key_then_buying_and_forgetting_change_what_it_shows()
    {
        factory.StartServer();
        await SeedItemsAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox"], // CI runs as root, where Chromium's sandbox cannot start
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = factory.ClientOptions.BaseAddress.ToString() });
        var policyViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                policyViolations.Add(message.Text);
            }
        };

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#key-form")).ToBeVisibleAsync();
        await page.FillAsync("#key", "not-a-configured-key");
        await page.ClickAsync("#use-key");
        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("not accepted");
        await page.FillAsync("#key", KestrelFactory.PageKey);
        await page.ClickAsync("#use-key");
        await Assertions.Expect(page.Locator("#recs .item")).ToHaveCountAsync(KestrelFactory.Items.Length);
        await Assertions.Expect(page.Locator("#key-form")).ToBeHiddenAsync();

        var interestsBefore = await page.InnerTextAsync("#interests");
        var bought = await page.Locator("#recs button[data-type=purchase]").First.GetAttributeAsync("data-item");
        await page.Locator("#recs button[data-type=purchase]").First.ClickAsync();

        await Assertions.Expect(page.Locator("#recent")).ToContainTextAsync(bought!);
        await Assertions.Expect(page.Locator("#recs .item")).ToHaveCountAsync(KestrelFactory.Items.Length - 1); // seen items are excluded
        await Assertions.Expect(page.Locator("#strategy")).ToContainTextAsync("1 events");
        Assert.NotEqual(interestsBefore, await page.InnerTextAsync("#interests"));

        await page.ClickAsync("#reset");
        await Assertions.Expect(page.Locator("#strategy")).ToContainTextAsync("0 events");
        await Assertions.Expect(page.Locator("#recent .label")).ToHaveCountAsync(0);
        Assert.Equal(0, (await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(User).GetSummaryAsync()).EventCount);
        Assert.Empty(policyViolations);
    }

    private async Task SeedItemsAsync()
    {
        using var client = new HttpClient { BaseAddress = factory.ClientOptions.BaseAddress };
        client.DefaultRequestHeaders.Add("X-API-Key", SecuredApiFactory.WriterKey);
        var items = string.Join(",", KestrelFactory.Items.Select((title, i) =>
            $"{{\"id\":\"film-{i}\",\"title\":\"{title}\",\"categories\":[\"{(i % 2 == 0 ? "Comedy" : "Drama")}\"],\"tags\":[\"browser\"],\"popularity\":{10 - i}}}"));
        using var response = await client.PostAsync(new Uri("/v1/items", UriKind.Relative), new StringContent($"{{\"items\":[{items}]}}", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The secured silo on a real Kestrel port (a browser cannot reach the in-memory test server).</summary>
    public sealed class KestrelFactory : SecuredApiFactory
    {
        public const string PageKey = "page-key-0d93be61f4";

        public static readonly string[] Items = ["A funny film", "A sad film", "Another comedy", "Another drama", "A third comedy", "A third drama"];

        public KestrelFactory() => UseKestrel(0);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            AddKey(builder, 4, "web page", PageKey, hashed: false, "events:write", "users:read", "users:admin");
        }
    }
}
