namespace Seed.Persistence.Postgres;

/// <summary>Section <c>Seed:Storage</c>: where the event log and the item table live.</summary>
public sealed class SeedStorageOptions
{
    public const string SectionName = "Seed:Storage";

    /// <summary><c>Memory</c> (embedded default: volatile log, items in grain state) or <c>PostgreSQL</c>.</summary>
    public string Provider { get; set; } = "Memory";

    /// <summary>Name under <c>ConnectionStrings</c> holding the Npgsql connection string.</summary>
    public string ConnectionName { get; set; } = "seed";

    /// <summary>How a group of appends reaches the table; see <see cref="EventAppendMode"/>.</summary>
    public EventAppendMode AppendMode { get; set; } = EventAppendMode.Unnest;

    /// <summary>Most events written by one group commit; appends queued beyond it go in the next round trip.</summary>
    public int MaxAppendBatchEvents { get; set; } = 8192;

    public bool IsPostgres => string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);
}
