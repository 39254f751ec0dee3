using Microsoft.Extensions.Options;

namespace Seed.Api.Security;

/// <summary>
/// The configured keys, indexed by hash. A presented key is hashed and looked up, so the plain keys are never kept
/// after start and the lookup's timing depends on the hash, which tells an attacker nothing about any stored key.
/// </summary>
public sealed class ApiKeyStore(IOptions<AuthOptions> options)
{
    private readonly Dictionary<string, ApiKeyIdentity> _byHash = options.Value.ApiKeys.ToDictionary(
        key => string.IsNullOrEmpty(key.KeyHash) ? ApiKeyHash.Of(key.Key!) : key.KeyHash.ToLowerInvariant(),
        key => new ApiKeyIdentity(key.Name!, [.. key.Scopes]),
        StringComparer.Ordinal);

    public ApiKeyIdentity? Find(string presentedKey) => _byHash.GetValueOrDefault(ApiKeyHash.Of(presentedKey));
}
