using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Seed.Api.Security;

/// <summary>
/// Section <c>Seed:Auth</c>: who may call the API. The host checks the rules below (<see cref="AuthOptionsValidator"/>)
/// when it starts, so a host that would refuse every request, or accept a key nobody can present, does not start.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Seed:Auth";

    /// <summary>
    /// Unset means "on, except in the Development environment" (the embedded default on loopback stays open);
    /// <see cref="SeedSecurityExtensions"/> resolves it from the host environment before validation.
    /// </summary>
    public bool? Enabled { get; set; }

    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    public JwtAuthOptions Jwt { get; set; } = new();

    public bool IsEnabled => Enabled ?? true;

    public bool HasJwtAuthority => !string.IsNullOrWhiteSpace(Jwt.Authority);

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (IsEnabled && ApiKeys.Count == 0 && !HasJwtAuthority)
        {
            yield return new ValidationResult(
                $"{SectionName}:Enabled is on (the default outside Development) but neither {SectionName}:ApiKeys nor {SectionName}:Jwt:Authority " +
                $"is configured, so every request would be refused: add a key, configure an authority, or set {SectionName}:Enabled=false.",
                [nameof(Enabled)]);
        }

        var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            foreach (var failure in ValidateKey(ApiKeys[i], $"{SectionName}:ApiKeys:{i.ToString(CultureInfo.InvariantCulture)}", hashes))
            {
                yield return new ValidationResult(failure, [nameof(ApiKeys)]);
            }
        }
    }

    private static IEnumerable<string> ValidateKey(ApiKeyOptions key, string path, HashSet<string> hashes)
    {
        if (string.IsNullOrWhiteSpace(key.Name))
        {
            yield return $"{path}:Name must not be empty.";
        }

        var hasKey = !string.IsNullOrEmpty(key.Key);
        var hasHash = !string.IsNullOrEmpty(key.KeyHash);
        if (hasKey == hasHash)
        {
            yield return $"{path} must have exactly one of Key and KeyHash.";
        }
        else if (hasHash && !ApiKeyHash.IsWellFormed(key.KeyHash!))
        {
            yield return $"{path}:KeyHash must be 64 hexadecimal characters (the SHA-256 of the key).";
        }
        else if (!hashes.Add(hasKey ? ApiKeyHash.Of(key.Key!) : key.KeyHash!))
        {
            yield return $"{path} repeats the key of an earlier entry.";
        }

        if (key.Scopes.Count == 0)
        {
            yield return $"{path}:Scopes must name at least one of {string.Join(", ", Scopes.All)}.";
        }

        foreach (var scope in key.Scopes.Where(scope => !Scopes.All.Contains(scope, StringComparer.Ordinal)))
        {
            yield return $"{path}:Scopes holds \"{scope}\", which is not one of {string.Join(", ", Scopes.All)}.";
        }
    }
}
