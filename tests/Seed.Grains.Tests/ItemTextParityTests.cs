using Seed.Abstractions.Catalog;
using Seed.Datasets;

namespace Seed.Grains.Tests;

/// <summary>
/// The catalog (serving) and the dataset adapters (evaluation, training) each build an item's text; they live in
/// projects that cannot share code (Abstractions must not pull in ONNX, Core must not depend on Orleans), so this
/// test keeps them identical: a difference would mean the offline numbers describe a different model.
/// </summary>
public sealed class ItemTextParityTests
{
    [Theory]
    [InlineData("Toy Story (1995)", new[] { "Adventure", "Animation" }, new[] { "pixar", "fun" })]
    [InlineData("Heat (1995)", new[] { "Action" }, new string[0])]
    [InlineData("Untitled", new string[0], new[] { "odd" })]
    [InlineData("Bare title", new string[0], new string[0])]
    public void Catalog_and_dataset_items_embed_the_same_text(string title, string[] categories, string[] tags)
    {
        var served = new CatalogItem { Id = "1", Title = title, Categories = categories, Tags = tags }.EmbeddingText();
        var evaluated = new DatasetItem("1", title, categories, tags).EmbeddingText();

        Assert.Equal(served, evaluated);
    }
}
