using System.Collections.Concurrent;

namespace Seed.Api.Hosting;

/// <summary>
/// The start-up work a host must finish before it takes traffic (the silo's demo catalog, for one). Each piece is
/// announced with <see cref="Expect"/> before the host listens and settled with <see cref="Complete"/> or
/// <see cref="Fail"/>; <c>GET /readyz</c> answers ready only when none is left.
/// </summary>
public sealed class StartupReadiness
{
    private readonly ConcurrentDictionary<string, string> _unfinished = new(StringComparer.Ordinal);

    public void Expect(string work) => _unfinished[work] = $"{work}: in progress";

    public void Complete(string work) => _unfinished.TryRemove(work, out _);

    /// <summary>Keeps the host unready and says why: a silo that could not load what it serves is not ready to serve.</summary>
    public void Fail(string work, string reason) => _unfinished[work] = $"{work}: failed ({reason})";

    /// <summary>What the host still waits for, one line each; empty when ready.</summary>
    public IReadOnlyList<string> Unfinished => [.. _unfinished.Values.Order(StringComparer.Ordinal)];
}
