using Seed.Core.Collaborative;
using Seed.Core;
using Seed.Core.Interest;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Seed.Training.Tests;

/// <summary>
/// The grain-side code (Seed.Core's InterestTracker, LstmCell, ItemTower and fusion) must reproduce the TorchSharp
/// forward pass the model was trained with, on the same real event sequences, within 1e-5.
/// </summary>
public sealed class ServingParityTests(MovieLensFixture data, ITestOutputHelper output) : IClassFixture<MovieLensFixture>
{
    private const float Tolerance = 1e-5f;
    private const int UsersCompared = 12;

    [Fact]
    public void Committed_model_queries_match_the_TorchSharp_forward_pass_on_real_sequences()
    {
        var directory = RepositoryPaths.Resolve("models/interest-lstm");
        var model = InterestModel.Load(directory);
        using var network = new InterestNetwork(model.EmbeddingDim, model.HiddenDim, model.LongTermHalfLife!.Value.TotalSeconds);
        ModelExporter.Load(network, directory);

        AssertParity(network, model);
    }

    [Fact]
    public void Freshly_initialised_weights_round_trip_through_the_serving_format_with_identical_queries()
    {
        torch.manual_seed(7);
        using var network = new InterestNetwork(data.Catalog.Dimension, 24, TimeSpan.FromDays(9).TotalSeconds);
        // Perturb the identity tower so the test also covers a learned projection.
        using (no_grad())
        {
            foreach (var (name, parameter) in network.named_parameters().Where(p => p.name.StartsWith("item_tower", StringComparison.Ordinal)))
            {
                parameter.add_(randn_like(parameter) * 0.05);
            }
        }

        var directory = Path.Combine(Path.GetTempPath(), "seed-parity-" + Guid.NewGuid().ToString("N"));
        try
        {
            ModelExporter.Export(network, directory, "parity test", "tests", CoLikeSettings.Disabled);
            var model = InterestModel.Load(directory);
            Assert.Equal(TimeSpan.FromDays(9), model.LongTermHalfLife);
            Assert.Equal((float)ModelExporter.PopularityWeight(network), model.PopularityWeight, 6);
            AssertParity(network, model);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private void AssertParity(InterestNetwork network, InterestModel model)
    {
        var options = new InterestOptions();
        var tracker = new InterestTracker(options, model, data.Catalog.Dimension);
        var corpus = data.Corpus(new InterestOptions { LongTermHalfLife = tracker.LongTermHalfLife });
        // Users with long histories cross several chunks, so carried state is covered too.
        var users = corpus.Users.OrderByDescending(user => user.Length).Where((_, index) => index % 40 == 0).Take(UsersCompared).ToList();
        var events = data.Dataset.Events.Where(e => data.Catalog.TryGetRow(e.ItemId, out _)).ToLookup(e => e.UserId, StringComparer.Ordinal);
        var maxDifference = 0f;
        var compared = 0;
        network.eval();
        foreach (var user in users)
        {
            var torchQueries = TorchQueries(network, user, chunkLength: 50);
            var state = tracker.CreateState();
            var query = new float[tracker.EmbeddingDim];
            var index = 0;
            foreach (var interaction in events[user.UserId].Take(user.Length))
            {
                data.Catalog.TryGetRow(interaction.ItemId, out var row);
                tracker.Apply(state, data.Catalog.EventEmbedding(row, interaction.Text), interaction.Kind, interaction.Rating, interaction.Timestamp);
                tracker.ComputeQuery(state, query);
                for (var d = 0; d < query.Length; d++)
                {
                    maxDifference = Math.Max(maxDifference, Math.Abs(query[d] - torchQueries[(index * query.Length) + d]));
                }

                index++;
                compared++;
            }

            Assert.Equal(user.Length, index);
        }

        output.WriteLine($"{compared} events of {users.Count} users: max |serving - TorchSharp| over query components = {maxDifference:E2}");
        Assert.True(compared > 1000, $"only {compared} events compared");
        Assert.True(maxDifference <= Tolerance, $"serving and TorchSharp queries differ by up to {maxDifference:E2} over {compared} events");

        // Item tower: the catalog's ranking vectors.
        var projected = new float[data.Catalog.Dimension];
        using var embeddings = tensor(data.Catalog.Rows, [data.Catalog.Count, data.Catalog.Dimension]);
        using var noGrad = no_grad();
        using var torchItems = network.ItemVectors(embeddings);
        var expected = torchItems.reshape(-1).data<float>().ToArray();
        var towerDifference = 0f;
        for (var row = 0; row < data.Catalog.Count; row++)
        {
            model.ItemTower.Project(data.Catalog.Row(row), projected);
            for (var d = 0; d < projected.Length; d++)
            {
                towerDifference = Math.Max(towerDifference, Math.Abs(projected[d] - expected[(row * projected.Length) + d]));
            }
        }

        output.WriteLine($"{data.Catalog.Count} items: max |ItemTower - TorchSharp| = {towerDifference:E2}");
        Assert.True(towerDifference <= Tolerance, $"item tower differs by up to {towerDifference:E2}");
    }

    private static float[] TorchQueries(InterestNetwork network, UserSequence user, int chunkLength)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var states = new List<CarriedState> { new(network.HiddenDim, network.EmbeddingDim) };
        var queries = new List<float>();
        for (var level = 0; level * chunkLength < user.Length; level++)
        {
            var result = network.Forward(ChunkBatchBuilder.Build([user], states, level, chunkLength, EventFeatures.InputSize(network.EmbeddingDim)));
            queries.AddRange(result.Query.reshape(-1).data<float>().ToArray());
            ChunkBatchBuilder.Carry([user], states, level, chunkLength, result);
        }

        return [.. queries];
    }
}
