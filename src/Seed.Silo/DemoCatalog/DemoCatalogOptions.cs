using Seed.Abstractions.Configuration;
using Seed.Core;

namespace Seed.Silo.DemoCatalog;

/// <summary>
/// The MovieLens demo catalog loaded into an empty cluster, section <c>Seed:DemoCatalog</c>. The host checks the rules
/// below (<see cref="DemoCatalogOptionsValidator"/>) when it starts; a missing data folder is not a rule but a logged
/// error at load time, since the cluster runs without the demo catalog.
/// </summary>
public sealed class DemoCatalogOptions
{
    public const string SectionName = "Seed:DemoCatalog";

    public bool Enabled { get; set; } = true;

    /// <summary>MovieLens folder with movies.csv, and optionally ratings.csv (popularity) and tags.csv (tags).</summary>
    public string DataPath { get; set; } = ShippedPaths.MovieLens;

    /// <summary>Most frequent user tags kept per movie; 0 keeps none.</summary>
    [SettingRange(0, int.MaxValue, ErrorMessage = SectionName + ":TagsPerItem must not be negative.")]
    public int TagsPerItem { get; set; } = 5;

    /// <summary>Items per catalog upsert call.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":BatchSize must be at least {1}.")]
    public int BatchSize { get; set; } = 500;
}
