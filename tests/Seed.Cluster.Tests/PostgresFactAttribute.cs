namespace Seed.Cluster.Tests;

/// <summary>A fact that is skipped, with the reason in the output, when no PostgreSQL connection string is given.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (ClusterTestEnvironment.ConnectionString is null)
        {
            Skip = ClusterTestEnvironment.SkipReason;
        }
    }
}
