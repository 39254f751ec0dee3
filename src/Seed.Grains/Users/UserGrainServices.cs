using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Seed.Grains.Catalog;
using Seed.Storage;

namespace Seed.Grains.Users;

/// <summary>
/// The silo-wide services every user grain uses, held by each activation through this one reference. A grain
/// constructor with a parameter per service keeps a field per service in every activation: ten references are 80 bytes
/// a user, 80 MB at a million active users, all pointing at the same singletons.
/// </summary>
public sealed class UserGrainServices(
    InterestModelProvider interestModel,
    IEventLog eventLog,
    InteractionReportCoalescer interactionReports,
    EventEmbeddingResolver resolver,
    SharedStrings sharedStrings,
    SnapshotDueTimer snapshotTimer,
    [FromKeyedServices(UserGrainServices.StorageName)] IGrainStorage stateStorage,
    IOptions<UserOptions> userOptions,
    IOptions<CatalogOptions> catalogOptions,
    ILogger<UserGrain> logger)
{
    /// <summary>The grain storage provider that holds user snapshots (configured under <c>Orleans:GrainStorage:users</c>).</summary>
    public const string StorageName = "users";

    /// <summary>The snapshot's state name in that storage: part of the stored rows' key, so it never changes.</summary>
    public const string StateName = "user";

    public InterestModelProvider InterestModel { get; } = interestModel;

    public IEventLog EventLog { get; } = eventLog;

    public InteractionReportCoalescer InteractionReports { get; } = interactionReports;

    public EventEmbeddingResolver Resolver { get; } = resolver;

    public SharedStrings SharedStrings { get; } = sharedStrings;

    public SnapshotDueTimer SnapshotTimer { get; } = snapshotTimer;

    /// <summary>
    /// Used directly rather than through a <c>[PersistentState]</c> facet, which adds a storage bridge, a lifecycle
    /// subscription and a migration participant to every activation (about 300 bytes a user) for one read at
    /// activation and a write now and then.
    /// </summary>
    public IGrainStorage StateStorage { get; } = stateStorage;

    public UserOptions Users { get; } = userOptions.Value;

    public CatalogOptions Catalog { get; } = catalogOptions.Value;

    public ILogger<UserGrain> Logger { get; } = logger;
}
