using Npgsql;
using Seed.Persistence.Postgres;

namespace Seed.Cluster.Tests;

/// <summary>The cluster's item-embedding store in table <c>seed_text_embeddings</c>, on a real PostgreSQL.</summary>
public sealed class PostgresTextEmbeddingStoreTests
{
    [PostgresFact]
    public async Task Vectors_round_trip_per_encoder_and_a_second_writer_of_the_same_text_is_not_an_error()
    {
        await using var database = await TestDatabase.CreateAsync(ClusterTestEnvironment.ConnectionString!);
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var store = new PostgresTextEmbeddingStore(dataSource);
        float[] guitar = [0.6f, 0.8f, -0f, float.Epsilon];

        await store.PutAsync("enc-a", ["guitar", "drum"], [guitar, [1f, 0f, 0f, 0f]]);
        // Another silo met the same text: its insert conflicts and keeps the first row.
        await store.PutAsync("enc-a", ["guitar"], [[9f, 9f, 9f, 9f]]);
        await store.PutAsync("enc-b", ["guitar"], [[0f, 0f, 1f, 0f]]);

        float[]?[] found = await store.GetAsync("enc-a", ["drum", "flute", "guitar", "guitar"]);

        Assert.Equal([1f, 0f, 0f, 0f], found[0]!);
        Assert.Null(found[1]);
        Assert.Equal(guitar, found[2]!);
        Assert.Equal(guitar, found[3]!);
        Assert.NotSame(found[2], found[3]);
        float[]?[] other = await store.GetAsync("enc-b", ["guitar"]);
        Assert.Equal([0f, 0f, 1f, 0f], other[0]!);
        Assert.Equal(3L, await database.ScalarAsync<long>("SELECT count(*) FROM seed_text_embeddings"));
        // Only a key of the text is kept, never the text.
        Assert.Equal(16, await database.ScalarAsync<int>("SELECT min(octet_length(text_key)) FROM seed_text_embeddings"));
    }
}
