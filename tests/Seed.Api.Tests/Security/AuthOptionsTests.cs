using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Seed.Api.Security;
using Seed.Testing;

namespace Seed.Api.Tests.Security;

/// <summary>The rules both hosts check at start for <c>Seed:Auth</c> and <c>Seed:RateLimits</c>.</summary>
public sealed class AuthOptionsTests
{
    private static readonly AuthOptionsValidator Validator = new();

    [Fact]
    public void Auth_on_without_any_key_or_authority_is_refused_in_one_line_naming_the_setting()
    {
        var failure = Assert.Single(Validator.Validate(null, new AuthOptions { Enabled = true }).Failures!);

        Assert.Contains("Seed:Auth:Enabled", failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
    }

    [Fact]
    public void Auth_on_with_a_key_or_an_authority_is_valid_and_auth_off_needs_neither()
    {
        Assert.True(Validator.Validate(null, new AuthOptions { Enabled = true, ApiKeys = [Key("k")] }).Succeeded);
        Assert.True(Validator.Validate(null, new AuthOptions { Enabled = true, Jwt = new JwtAuthOptions { Authority = "https://idp.example" } }).Succeeded);
        Assert.True(Validator.Validate(null, new AuthOptions { Enabled = false }).Succeeded);
    }

    public static TheoryData<string, ApiKeyOptions, string> BadKeys() => new()
    {
        { "no name", new ApiKeyOptions { Key = "k", Scopes = ["admin"] }, "Seed:Auth:ApiKeys:0:Name" },
        { "key and hash", new ApiKeyOptions { Name = "n", Key = "k", KeyHash = ApiKeyHash.Of("k"), Scopes = ["admin"] }, "exactly one of Key and KeyHash" },
        { "neither key nor hash", new ApiKeyOptions { Name = "n", Scopes = ["admin"] }, "exactly one of Key and KeyHash" },
        { "hash not SHA-256 hex", new ApiKeyOptions { Name = "n", KeyHash = "abc", Scopes = ["admin"] }, "Seed:Auth:ApiKeys:0:KeyHash" },
        { "no scope", new ApiKeyOptions { Name = "n", Key = "k" }, "Seed:Auth:ApiKeys:0:Scopes" },
        { "unknown scope", new ApiKeyOptions { Name = "n", Key = "k", Scopes = ["everything"] }, "\"everything\"" },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public void A_bad_key_entry_is_refused_naming_its_setting(string description, ApiKeyOptions key, string expected)
    {
        var result = Validator.Validate(null, new AuthOptions { Enabled = true, ApiKeys = [key] });

        Assert.True(result.Failed, description);
        Assert.Contains(result.Failures!, failure => failure.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_key_twice_is_refused_even_when_one_entry_holds_its_hash()
    {
        var result = Validator.Validate(null, new AuthOptions
        {
            Enabled = true,
            ApiKeys = [Key("same"), new ApiKeyOptions { Name = "again", KeyHash = ApiKeyHash.Of("same").ToUpperInvariant(), Scopes = ["admin"] }],
        });

        Assert.Contains(result.Failures!, failure => failure.Contains("Seed:Auth:ApiKeys:1 repeats", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Development", false)]
    [InlineData("Production", true)]
    [InlineData("Staging", true)]
    public void Auth_is_on_by_default_except_in_Development(string environment, bool enabled)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment });
        services.AddSeedSecurity(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<AuthOptions>>();

        if (enabled)
        {
            Assert.Throws<OptionsValidationException>(() => options.CurrentValue);
        }
        else
        {
            Assert.False(options.CurrentValue.IsEnabled);
        }
    }

    [Fact]
    public void Rate_limit_budgets_must_be_positive()
    {
        var validator = new RateLimitOptionsValidator();
        Assert.True(validator.Validate(null, new RateLimitOptions()).Succeeded);
        OptionsAssert.Rule(validator, new RateLimitOptions { WriteBurst = 0 }, "Seed:RateLimits:WriteBurst", valid: false);
        OptionsAssert.Rule(validator, new RateLimitOptions { ReadsPerPeriod = 0 }, "Seed:RateLimits:ReadsPerPeriod", valid: false);
        OptionsAssert.Rule(validator, new RateLimitOptions { Period = TimeSpan.Zero }, "Seed:RateLimits:Period", valid: false);
    }

    private static ApiKeyOptions Key(string key) => new() { Name = "name-" + key, Key = key, Scopes = ["admin"] };
}
