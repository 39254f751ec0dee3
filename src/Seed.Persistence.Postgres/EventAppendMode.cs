namespace Seed.Persistence.Postgres;

/// <summary>How the group-commit writer sends a batch of events to PostgreSQL.</summary>
public enum EventAppendMode
{
    /// <summary>One statement: <c>INSERT ... SELECT FROM unnest(@arrays) ON CONFLICT DO NOTHING RETURNING</c>.</summary>
    Unnest,

    /// <summary>
    /// Binary COPY into a transaction-local staging table, then <c>INSERT ... SELECT ... ON CONFLICT DO NOTHING
    /// RETURNING</c> (COPY itself cannot skip conflicts).
    /// </summary>
    Copy,
}
