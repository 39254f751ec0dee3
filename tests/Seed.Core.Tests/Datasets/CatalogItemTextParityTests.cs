using Npgsql;
using Seed.Abstractions.Catalog;
using Seed.Datasets;

namespace Seed.Core.Tests.Datasets;

/// <summary>
/// Training from the cluster's item table must embed what the catalog embedded (<see cref="CatalogItem.EmbeddingText"/>,
/// used by the catalog front on upsert), or the trained item tower would be fitted on other vectors than it serves.
/// </summary>
public sealed class CatalogItemTextParityTests
{
    public static TheoryData<CatalogItem> Items() =>
    [
        new CatalogItem { Id = "title-only", Title = "Heat (1995)" },
        new CatalogItem { Id = "categories", Title = "Heat (1995)", Categories = ["Action", "Crime", "Thriller"] },
        new CatalogItem { Id = "tags", Title = "Heat (1995)", Tags = ["heist", "los angeles"] },
        new CatalogItem { Id = "both", Title = "Heat (1995)", Categories = ["Action", "Crime"], Tags = ["heist"] },
        new CatalogItem { Id = "text", Title = "Heat (1995)", Text = "A thief and a detective in Los Angeles.", Categories = ["Action"], Tags = ["heist"] },
        new CatalogItem { Id = "blank-text", Title = "Heat (1995)", Text = "   ", Categories = ["Action"] },
        new CatalogItem { Id = "empty-text", Title = "Heat (1995)", Text = string.Empty, Tags = ["heist"] },
    ];

    [Theory]
    [MemberData(nameof(Items))]
    public void A_catalog_item_read_for_training_embeds_the_text_the_catalog_embedded(CatalogItem item)
    {
        var datasetItem = PostgresEventLogReader.ToDatasetItem(item);

        Assert.Equal(item.EmbeddingText(), datasetItem.EmbeddingText());
        Assert.Equal(item.Id, datasetItem.Id);
    }

    [Fact]
    public void A_public_data_set_item_keeps_its_composed_text()
    {
        var item = new DatasetItem("1", "Toy Story (1995)", ["Adventure", "Animation"], ["pixar"]);

        Assert.Equal("Toy Story (1995). Adventure, Animation. pixar", item.EmbeddingText());
    }

    [Fact]
    public void A_server_that_refuses_the_connection_is_a_postgres_error_not_a_data_error()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var error = Assert.ThrowsAny<NpgsqlException>(() => PostgresEventLogReader.Read("Host=127.0.0.1;Port=1;Username=seed;Timeout=5"));

        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_data_set_name_leaves_the_password_out()
    {
        var name = PostgresEventLogReader.SourceName("Host=db.internal;Database=seed;Username=trainer;Password=s3cret");

        Assert.Equal("postgres seed@db.internal", name);
        Assert.DoesNotContain("s3cret", name, StringComparison.Ordinal);
    }
}
