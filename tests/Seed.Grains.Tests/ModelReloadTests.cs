using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Catalog;
using Seed.Abstractions.Models;
using Seed.Core.Interest;
using Seed.Encoders;
using Seed.Grains.Catalog;
using Seed.Grains.Models;
using Seed.Grains.Users;

namespace Seed.Grains.Tests;

/// <summary>
/// The pieces of a model reload without a cluster: loading and refusing folders (<see cref="InterestModelLoader"/>),
/// the silo's swap (<see cref="InterestModelProvider"/>) and a shard's rows following the new model
/// (<see cref="CatalogShardIndex.UseTracker"/>).
/// </summary>
public sealed class ModelReloadTests
{
    private const int EncoderDimension = 128;

    [Fact]
    public void A_model_folder_loads_with_its_content_hash_as_version_and_another_config_is_another_version()
    {
        using var copy = TemporaryModelFolder.CopyOfShipped();
        using var variant = TemporaryModelFolder.CopyOfShipped();
        variant.EditConfig(config => config["popularityWeight"] = 0.5);

        Assert.True(InterestModelLoader.TryLoad(copy.Path, new InterestOptions(), EncoderDimension, out var loaded, out _));
        Assert.True(InterestModelLoader.TryLoad(variant.Path, new InterestOptions(), EncoderDimension, out var other, out _));

        Assert.Equal(InterestModelFingerprint.Compute(copy.Path), loaded!.Version);
        Assert.Matches("^[0-9a-f]{16}$", loaded.Version);
        Assert.Equal(InterestModelMode.Learned, loaded.Mode);
        Assert.NotEqual(loaded.Version, other!.Version);
        Assert.Equal(0.5f, other.Tracker.PopularityWeight);
    }

    public static TheoryData<string, string> BrokenFolders => new()
    {
        { "truncated weights", "model.safetensors" },
        { "no config", "config.json" },
        { "config not JSON", "not valid JSON" },
        { "config with a bad field", "popularityWeight" },
        { "no weights", "model.safetensors" },
        { "another encoder dimension", "64-d" },
    };

    [Theory]
    [MemberData(nameof(BrokenFolders))]
    public void A_broken_folder_is_refused_with_one_line_naming_the_problem(string breakage, string named)
    {
        using var folder = TemporaryModelFolder.CopyOfShipped();
        var encoderDimension = EncoderDimension;
        switch (breakage)
        {
            case "truncated weights":
                folder.TruncateWeights(0.5);
                break;
            case "no config":
                File.Delete(folder.ConfigPath);
                break;
            case "config not JSON":
                File.WriteAllText(folder.ConfigPath, "{ \"format\": ");
                break;
            case "config with a bad field":
                folder.EditConfig(config => config["popularityWeight"] = -1);
                break;
            case "no weights":
                File.Delete(folder.WeightsPath);
                break;
            case "another encoder dimension":
                encoderDimension = 64;
                break;
        }

        var loaded = InterestModelLoader.TryLoad(folder.Path, new InterestOptions(), encoderDimension, out var model, out var error);

        Assert.False(loaded);
        Assert.Null(model);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void A_refused_folder_keeps_the_running_model_and_a_good_one_replaces_it()
    {
        using var running = TemporaryModelFolder.CopyOfShipped();
        using var broken = TemporaryModelFolder.CopyOfShipped();
        using var next = TemporaryModelFolder.Variant(popularityWeight: 0.2f, biasShift: 0.05f);
        broken.TruncateWeights(0.9);
        var provider = Provider(running.Path);
        var first = provider.Current;

        var refused = provider.TryLoad(broken.Path, expectedVersion: null, out var none);

        Assert.False(refused.Loaded);
        Assert.Null(none);
        Assert.Same(first, provider.Current);
        Assert.Equal(first.Version, refused.Version);
        Assert.Equal(refused.Error, provider.LastLoadError);

        var accepted = provider.TryLoad(next.Path, expectedVersion: null, out var model);
        Assert.True(accepted.Loaded);
        // Loading alone serves nothing: the registry records the deploy first.
        Assert.Same(first, provider.Current);
        provider.Use(model!);

        Assert.Same(model, provider.Current);
        Assert.Null(provider.LastLoadError);
        Assert.True(provider.IsRetired(first.Version));
        Assert.False(provider.IsRetired(model!.Version));
    }

    [Fact]
    public void A_silo_following_the_registry_refuses_a_folder_edited_since_it_was_deployed()
    {
        using var folder = TemporaryModelFolder.CopyOfShipped();
        var provider = Provider(folder.Path);
        var deployed = provider.Current.Version;
        folder.EditConfig(config => config["popularityWeight"] = 0.3);

        var result = provider.TryLoad(folder.Path, deployed, out var model);

        Assert.False(result.Loaded);
        Assert.Null(model);
        Assert.Contains(deployed, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_reprojected_for_another_model_rank_exactly_as_a_shard_built_with_it()
    {
        using var oldFolder = TemporaryModelFolder.CopyOfShipped();
        using var newFolder = TemporaryModelFolder.Variant(popularityWeight: 0.3f, biasShift: 0.1f);
        var oldTracker = Load(oldFolder.Path).Tracker;
        var newTracker = Load(newFolder.Path).Tracker;
        var items = Enumerable.Range(0, 40).Select(i => new EmbeddedItem
        {
            Item = new CatalogItem { Id = $"item-{i}", Title = $"item {i}", Popularity = i % 7 },
            Embedding = Unit(i),
        }).ToList();
        var options = new CatalogOptions { CompactScanMinRows = 1 };
        var swapped = new CatalogShardIndex(oldTracker, options);
        swapped.Apply(swapped.PlanUpsert(items));
        var fresh = new CatalogShardIndex(newTracker, options);
        fresh.Apply(fresh.PlanUpsert(items));
        var query = new CatalogQuery { K = 10, Vector = Unit(3) };
        var before = swapped.TopK(query, includeVectors: true);

        swapped.UseTracker(newTracker);

        var after = swapped.TopK(query, includeVectors: true);
        var expected = fresh.TopK(query, includeVectors: true);
        Assert.NotEqual(before.Select(item => item.Score), after.Select(item => item.Score));
        Assert.Equal(expected.Select(item => (item.ItemId, item.Score)), after.Select(item => (item.ItemId, item.Score)));
        Assert.Equal(expected.Select(item => item.Vector), after.Select(item => item.Vector));
        Assert.Same(newTracker, swapped.Tracker);
    }

    private static LoadedInterestModel Load(string path)
    {
        Assert.True(InterestModelLoader.TryLoad(path, new InterestOptions(), EncoderDimension, out var model, out var error), error);
        return model!;
    }

    /// <summary>A deterministic unit vector spread over several axes.</summary>
    private static float[] Unit(int seed)
    {
        var vector = new float[EncoderDimension];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = MathF.Sin((seed + 1) * (i + 1) * 0.37f);
        }

        var norm = MathF.Sqrt(vector.Sum(value => value * value));
        return [.. vector.Select(value => value / norm)];
    }

    private static InterestModelProvider Provider(string path) => new(
        Options.Create(new InterestModelOptions { Path = path }),
        Options.Create(new InterestOptions()),
        Options.Create(new EncoderOptions()),
        new DimensionOnlyEncoder(EncoderDimension),
        NullLogger<InterestModelProvider>.Instance);
}
