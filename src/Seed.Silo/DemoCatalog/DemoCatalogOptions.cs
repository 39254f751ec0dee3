namespace Seed.Silo.DemoCatalog;

/// <summary>The MovieLens demo catalog loaded into an empty cluster, section <c>Seed:DemoCatalog</c>.</summary>
public sealed class DemoCatalogOptions
{
    public const string SectionName = "Seed:DemoCatalog";

    public bool Enabled { get; set; } = true;

    /// <summary>MovieLens folder with movies.csv, and optionally ratings.csv (popularity) and tags.csv (tags).</summary>
    public string DataPath { get; set; } = "../shared/data/ml-latest-small";

    /// <summary>Most frequent user tags kept per movie.</summary>
    public int TagsPerItem { get; set; } = 5;

    public int BatchSize { get; set; } = 500;
}
