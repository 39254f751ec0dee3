using Microsoft.AspNetCore.Hosting;
using Seed.Api.Security;

namespace Seed.Api.Tests.Security;

/// <summary>The silo host with <c>Seed:Auth</c> on and one key per role, configured as an operator would.</summary>
public class SecuredApiFactory : SeedApiFactory
{
    public const string WriterKey = "writer-key-3f9c1e7a52";
    public const string ReaderKey = "reader-key-8d04b6c1e9";
    public const string PrivacyKey = "privacy-key-51a7e3d0c2";
    public const string AdminKey = "admin-key-c6e2f81b47";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:Auth:Enabled", "true");
        AddKey(builder, 0, "writer", WriterKey, hashed: false, "events:write", "items:write");
        AddKey(builder, 1, "reader", ReaderKey, hashed: false, "users:read");
        // The privacy officer's key is configured as production keys are: by its hash only.
        AddKey(builder, 2, "privacy", PrivacyKey, hashed: true, "users:admin");
        AddKey(builder, 3, "operator", AdminKey, hashed: false, "admin");
    }

    protected static void AddKey(IWebHostBuilder builder, int index, string name, string key, bool hashed, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(scopes);
        var prefix = $"Seed:Auth:ApiKeys:{index}:";
        builder.UseSetting(prefix + "Name", name);
        builder.UseSetting(prefix + (hashed ? "KeyHash" : "Key"), hashed ? ApiKeyHash.Of(key) : key);
        for (var i = 0; i < scopes.Length; i++)
        {
            builder.UseSetting(prefix + $"Scopes:{i}", scopes[i]);
        }
    }

    /// <summary>The key that holds <paramref name="scope"/>, and one that does not.</summary>
    public static (string Holder, string Other) KeysFor(string scope) => scope switch
    {
        "events:write" or "items:write" => (WriterKey, ReaderKey),
        "users:read" => (ReaderKey, WriterKey),
        "users:admin" => (PrivacyKey, ReaderKey),
        _ => (AdminKey, ReaderKey),
    };
}
