using Seed.Datasets;

namespace Seed.LoadTest.Workload;

/// <summary>
/// Reads a data set folder for replay. The harness only sees <see cref="InteractionDataset"/> (items, events in time
/// order), so a new layout (e.g. Amazon reviews) is a new reader, or a new layout in <see cref="DatasetLoader"/>.
/// </summary>
public interface IDatasetReader
{
    InteractionDataset Read(string folder);
}
