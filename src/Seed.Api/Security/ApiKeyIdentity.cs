namespace Seed.Api.Security;

/// <summary>A configured key as the request pipeline knows it: who holds it and what it may do.</summary>
public sealed record ApiKeyIdentity(string Name, IReadOnlyList<string> Scopes);
