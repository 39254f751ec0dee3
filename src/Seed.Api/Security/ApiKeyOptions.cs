namespace Seed.Api.Security;

/// <summary>
/// One entry of <c>Seed:Auth:ApiKeys</c>. Production configuration holds <see cref="KeyHash"/> (so a leaked
/// configuration file does not leak the key); a plain <see cref="Key"/> is for development and tests.
/// </summary>
public sealed class ApiKeyOptions
{
    /// <summary>Who holds the key; it names the caller in logs and its rate-limit budget.</summary>
    public string? Name { get; set; }

    public string? Key { get; set; }

    /// <summary>SHA-256 of the key's UTF-8 bytes, 64 hexadecimal characters (<c>printf %s KEY | sha256sum</c>).</summary>
    public string? KeyHash { get; set; }

    public List<string> Scopes { get; set; } = [];
}
