using Seed.Datasets;

namespace Seed.LoadTest.Workload;

/// <summary>
/// The default reader: <see cref="DatasetLoader"/>, which detects the layout (MovieLens latest, 100K, 1M). Items get
/// their five most frequent user tags, as the silo's demo catalog does, so that preloading every item of
/// ml-latest-small writes the same item text the demo catalog already holds.
/// </summary>
public sealed class DatasetLoaderReader : IDatasetReader
{
    public const int TagsPerItem = 5;

    public InteractionDataset Read(string folder) => DatasetLoader.Load(folder, new DatasetLoaderOptions { TagsPerItem = TagsPerItem });
}
