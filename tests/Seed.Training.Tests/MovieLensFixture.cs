using Seed.Core.Interest;
using Seed.Datasets;
using Seed.Encoders;

namespace Seed.Training.Tests;

/// <summary>ml-latest-small, embedded once by the real encoder, shared by the tests that need real sequences.</summary>
public sealed class MovieLensFixture
{
    public MovieLensFixture()
    {
        Dataset = DatasetLoader.Load(TestData.MovieLens);
        using var encoder = OnnxSentenceEncoder.Load(new EncoderOptions { Model = TestData.Encoder });
        Catalog = ItemCatalogIndex.Encode(Dataset, encoder);
    }

    internal InteractionDataset Dataset { get; }

    internal ItemCatalogIndex Catalog { get; }

    internal TrainingCorpus Corpus(InterestOptions options) => TrainingCorpus.Build(Dataset.Events, Catalog, options, 0.8, 0.1, 64);
}
