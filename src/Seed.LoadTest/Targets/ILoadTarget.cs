using Seed.LoadTest.Workload;

namespace Seed.LoadTest.Targets;

/// <summary>Where load goes: the REST API or an Orleans gateway. Implementations throw on any failure.</summary>
public interface ILoadTarget : IAsyncDisposable
{
    string Name { get; }

    Task SeedCatalogAsync(IReadOnlyList<SyntheticItem> items, CancellationToken cancellationToken);

    Task SendEventsAsync(IReadOnlyList<SyntheticEvent> events, CancellationToken cancellationToken);

    Task RecommendAsync(string userId, int k, CancellationToken cancellationToken);
}
