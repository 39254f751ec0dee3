using Seed.Core.Collaborative;
using Seed.Core.Interest;
using Seed.Core.Models;
using Seed.Core.Tests.Models;
using Seed.Core.Tests.Numerics;

namespace Seed.Core.Tests.Interest;

public sealed class InterestModelTests
{
    private const int Dim = 12;
    private const int Hidden = 6;

    [Fact]
    public void TryLoad_ReadsAWrittenModel()
    {
        using var temp = new TempDirectory();
        Dictionary<string, SafetensorTensor> tensors = TestModelFolder.RandomTensors(Dim, Hidden, seed: 1, withItemTower: true);
        TestModelFolder.Write(temp.Path, Dim, Hidden, tensors.Values);

        Assert.True(InterestModel.TryLoad(temp.Path, out InterestModel? model, out string reason), reason);

        Assert.NotNull(model);
        Assert.Equal(Dim, model.EmbeddingDim);
        Assert.Equal(Hidden, model.HiddenDim);
        Assert.Equal(EventFeatures.InputSize(Dim), model.Lstm.InputSize);
        Assert.Equal(Hidden, model.Lstm.HiddenSize);
        Assert.False(model.ItemTower.IsIdentity);
        Assert.Contains("test-lstm", model.Description, StringComparison.Ordinal);
        Assert.Contains("unit tests", model.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WithoutItemTowerTensorsUsesIdentity()
    {
        using var temp = new TempDirectory();
        TestModelFolder.Write(temp.Path, Dim, Hidden, TestModelFolder.RandomTensors(Dim, Hidden, seed: 2, withItemTower: false).Values);

        InterestModel model = InterestModel.Load(temp.Path);

        Assert.True(model.ItemTower.IsIdentity);
        Assert.Equal(Dim, model.ItemTower.OutputDim);
    }

    [Fact]
    public void ShortTermAndFusionGate_MatchHandComputation()
    {
        using var temp = new TempDirectory();
        Dictionary<string, SafetensorTensor> tensors = TestModelFolder.RandomTensors(Dim, Hidden, seed: 3, withItemTower: false);
        TestModelFolder.Write(temp.Path, Dim, Hidden, tensors.Values);
        InterestModel model = InterestModel.Load(temp.Path);
        float[] hidden = TestVectors.Uniform(new Random(4), Hidden);

        var shortTerm = new float[Dim];
        model.ShortTerm(hidden, shortTerm);
        float gate = model.FusionGate(hidden);

        var expected = new double[Dim];
        for (int row = 0; row < Dim; row++)
        {
            expected[row] = tensors["short_term.bias"].Data[row];
            for (int column = 0; column < Hidden; column++)
            {
                expected[row] += (double)tensors["short_term.weight"].Data[(row * Hidden) + column] * hidden[column];
            }
        }

        double norm = Math.Sqrt(expected.Sum(value => value * value));
        Assert.True(TestVectors.MaxAbsDifference(shortTerm, [.. expected.Select(value => value / norm)]) <= 1e-5f);
        double logit = tensors["fusion.bias"].Data[0] + tensors["fusion.weight"].Data.Select((weight, i) => (double)weight * hidden[i]).Sum();
        Assert.Equal(ReferenceLstm.Sigmoid(logit), gate, 1e-6);
    }

    [Theory]
    [InlineData("short_term.weight")]
    [InlineData("lstm.weight_ih")]
    [InlineData("fusion.bias")]
    public void Load_WrongShapeThrowsNamingTheTensor(string tensorName)
    {
        using var temp = new TempDirectory();
        Dictionary<string, SafetensorTensor> tensors = TestModelFolder.RandomTensors(Dim, Hidden, seed: 5, withItemTower: false);
        SafetensorTensor original = tensors[tensorName];
        tensors[tensorName] = new SafetensorTensor(tensorName, [original.Data.Length + 1], new float[original.Data.Length + 1]);
        TestModelFolder.Write(temp.Path, Dim, Hidden, tensors.Values);

        var exception = Assert.Throws<InvalidDataException>(() => InterestModel.TryLoad(temp.Path, out _, out _));

        Assert.Contains($"'{tensorName}'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingTensorOrHalfAnItemTowerThrows()
    {
        using var temp = new TempDirectory();
        Dictionary<string, SafetensorTensor> tensors = TestModelFolder.RandomTensors(Dim, Hidden, seed: 6, withItemTower: true);
        tensors.Remove("item_tower.bias");
        tensors.Remove("fusion.weight");
        TestModelFolder.Write(temp.Path, Dim, Hidden, tensors.Values);

        var exception = Assert.Throws<InvalidDataException>(() => InterestModel.Load(temp.Path));

        Assert.Contains("fusion.weight", exception.Message, StringComparison.Ordinal);
        tensors["fusion.weight"] = new SafetensorTensor("fusion.weight", [1, Hidden], new float[Hidden]);
        TestModelFolder.Write(temp.Path, Dim, Hidden, tensors.Values);
        exception = Assert.Throws<InvalidDataException>(() => InterestModel.Load(temp.Path));
        Assert.Contains("item_tower.bias", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NonFiniteWeightsThrowNamingTheTensor()
    {
        using var temp = new TempDirectory();
        Dictionary<string, SafetensorTensor> tensors = TestModelFolder.RandomTensors(Dim, Hidden, seed: 7, withItemTower: false);
        tensors["lstm.bias_hh"].Data[3] = float.NaN;
        TestModelFolder.Write(temp.Path, Dim, Hidden, tensors.Values);

        var exception = Assert.Throws<InvalidDataException>(() => InterestModel.Load(temp.Path));

        Assert.Contains("lstm.bias_hh", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ConfigInconsistenciesThrowNamingTheField()
    {
        using var temp = new TempDirectory();
        IEnumerable<SafetensorTensor> tensors = TestModelFolder.RandomTensors(Dim, Hidden, seed: 8, withItemTower: false).Values;

        string[] swappedKinds = ["click", "view", "addToCart", "purchase", "rating", "search", "review", "dislike", "tag"];
        TestModelFolder.Write(temp.Path, Dim, Hidden, tensors, TestModelFolder.Config(Dim, Hidden, swappedKinds));
        Assert.Contains("eventKinds", Assert.Throws<InvalidDataException>(() => InterestModel.Load(temp.Path)).Message, StringComparison.Ordinal);

        TestModelFolder.Write(temp.Path, Dim, Hidden, tensors, TestModelFolder.Config(Dim, Hidden, format: "something-else"));
        Assert.Contains("format", Assert.Throws<InvalidDataException>(() => InterestModel.Load(temp.Path)).Message, StringComparison.Ordinal);

        // Config claims H=7 but the tensors were trained with H=6.
        TestModelFolder.Write(temp.Path, Dim, Hidden, tensors, TestModelFolder.Config(Dim, Hidden + 1));
        Assert.Contains("lstm.weight_ih", Assert.Throws<InvalidDataException>(() => InterestModel.Load(temp.Path)).Message, StringComparison.Ordinal);

        File.Delete(Path.Combine(temp.Path, InterestModel.ConfigFileName));
        Assert.Throws<InvalidDataException>(() => InterestModel.TryLoad(temp.Path, out _, out _));
    }

    [Fact]
    public void Load_ReadsPopularityWeightAndHalfLife_AndTheTrackerUsesThem()
    {
        using var temp = new TempDirectory();
        IEnumerable<SafetensorTensor> tensors = TestModelFolder.RandomTensors(Dim, Hidden, seed: 9, withItemTower: false).Values;
        TestModelFolder.Write(temp.Path, Dim, Hidden, tensors, TestModelFolder.Config(Dim, Hidden, extraFields: """ "popularityWeight": 0.125, "longTermHalfLifeSeconds": 86400,"""));

        InterestModel model = InterestModel.Load(temp.Path);
        var tracker = new InterestTracker(new InterestOptions { LongTermHalfLife = TimeSpan.FromDays(30) }, model, Dim);

        Assert.Equal(0.125f, model.PopularityWeight);
        Assert.Equal(TimeSpan.FromDays(1), model.LongTermHalfLife);
        Assert.Equal(TimeSpan.FromDays(1), tracker.LongTermHalfLife);
        Assert.Equal(0.125f, tracker.PopularityWeight);

        // Without the fields: no prior, and the configured half-life.
        TestModelFolder.Write(temp.Path, Dim, Hidden, tensors);
        var plain = new InterestTracker(new InterestOptions { LongTermHalfLife = TimeSpan.FromDays(30) }, InterestModel.Load(temp.Path), Dim);
        Assert.Equal(0f, plain.PopularityWeight);
        Assert.Equal(TimeSpan.FromDays(30), plain.LongTermHalfLife);

        foreach (var bad in new[] { """ "popularityWeight": -1,""", """ "popularityWeight": "high",""", """ "longTermHalfLifeSeconds": 0,""" })
        {
            TestModelFolder.Write(temp.Path, Dim, Hidden, tensors, TestModelFolder.Config(Dim, Hidden, extraFields: bad));
            var message = Assert.Throws<InvalidDataException>(() => InterestModel.Load(temp.Path)).Message;
            Assert.Contains(bad.Contains("popularity", StringComparison.Ordinal) ? "popularityWeight" : "longTermHalfLifeSeconds", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Load_ReadsTheCoLikeSettings_AndTheTrackerUsesThem()
    {
        using var temp = new TempDirectory();
        IEnumerable<SafetensorTensor> tensors = TestModelFolder.RandomTensors(Dim, Hidden, seed: 9, withItemTower: false).Values;
        TestModelFolder.Write(temp.Path, Dim, Hidden, tensors, TestModelFolder.Config(Dim, Hidden, extraFields: """ "coLikeWeight": 0.75, "coLikeDecay": 0.5, "coLikeWindow": 12,"""));

        var tracker = new InterestTracker(new InterestOptions(), InterestModel.Load(temp.Path), Dim);

        Assert.Equal(new CoLikeSettings(0.75f, 0.5f, 12), tracker.CoLike);
        Assert.Contains("co-like weight 0.75, decay 0.5, window 12", InterestModel.Load(temp.Path).Description, StringComparison.Ordinal);

        // A weight alone: decay 1 and the default window. No weight (or none at all): off, as in the fallback tracker.
        TestModelFolder.Write(temp.Path, Dim, Hidden, tensors, TestModelFolder.Config(Dim, Hidden, extraFields: """ "coLikeWeight": 2,"""));
        Assert.Equal(new CoLikeSettings(2f, 1f, CoLikeSettings.DefaultWindow), InterestModel.Load(temp.Path).CoLike);
        TestModelFolder.Write(temp.Path, Dim, Hidden, tensors);
        Assert.False(InterestModel.Load(temp.Path).CoLike.IsEnabled);
        Assert.False(new InterestTracker(new InterestOptions(), null, Dim).CoLike.IsEnabled);
    }

    [Fact]
    public void Load_AcceptsSnakeCaseEventKinds()
    {
        using var temp = new TempDirectory();
        string[] snakeCase = ["view", "click", "add_to_cart", "purchase", "rating", "search", "review", "dislike", "tag"];
        TestModelFolder.Write(
            temp.Path, Dim, Hidden, TestModelFolder.RandomTensors(Dim, Hidden, seed: 9, withItemTower: false).Values, TestModelFolder.Config(Dim, Hidden, snakeCase));

        Assert.Equal(Dim, InterestModel.Load(temp.Path).EmbeddingDim);
    }

    [Theory]
    [InlineData("models/interest-lstm")]
    [InlineData("models/interest-lstm-amazon")]
    public void The_committed_configs_are_read(string modelFolder)
    {
        // What the trainer really writes (PascalCase event kinds, extra inputLayout field), not the test helper's format.
        string configPath = Path.Combine(RepositoryPaths.Resolve(modelFolder), InterestModel.ConfigFileName);

        InterestModelConfig config = InterestModelConfig.Read(configPath);

        Assert.Equal(128, config.EmbeddingDim);
        Assert.Equal(32, config.HiddenDim);
        Assert.StartsWith("seed-interest-lstm (", config.Name, StringComparison.Ordinal);
        Assert.Equal(2_592_000, config.LongTermHalfLifeSeconds);
        Assert.InRange(config.PopularityWeight, 0.01f, 1f);
    }

    [Theory]
    [InlineData("AddToCart")]
    [InlineData("add-to-cart")]
    [InlineData("ADD_TO_CART")]
    public void Load_AcceptsEventKindsInEverySpellingEventTypeNamesParses(string addToCart)
    {
        // The committed models were exported with PascalCase names; Python writes snake_case.
        using var temp = new TempDirectory();
        string[] kinds = ["View", "Click", addToCart, "Purchase", "Rating", "Search", "Review", "Dislike", "Tag"];
        TestModelFolder.Write(
            temp.Path, Dim, Hidden, TestModelFolder.RandomTensors(Dim, Hidden, seed: 10, withItemTower: false).Values, TestModelFolder.Config(Dim, Hidden, kinds));

        Assert.Equal(Hidden, InterestModel.Load(temp.Path).HiddenDim);
    }

    [Theory]
    [InlineData("\"version\": 1,", "\"version\": \"1\",", "field 'version' must be an integer that fits in 32 bits, found \"1\".")]
    [InlineData("\"version\": 1,", "\"version\": 2,", "field 'version' is 2; this build supports version 1.")]
    [InlineData("\"version\": 1,", "\"version\": 3000000000,", "field 'version' must be an integer that fits in 32 bits, found 3000000000.")]
    [InlineData("\"format\": \"seed-interest-lstm\",", "", "required field 'format' is missing.")]
    [InlineData("\"format\": \"seed-interest-lstm\",", "\"format\": null,", "required field 'format' is missing.")]
    [InlineData("\"hiddenDim\": 6,", "", "required field 'hiddenDim' is missing.")]
    [InlineData("\"embeddingDim\": 12,", "\"embeddingDim\": 0,", "field 'embeddingDim' must be a positive integer, found 0.")]
    [InlineData("\"embeddingDim\": 12,", "\"embeddingDim\": 12.5,", "field 'embeddingDim' must be an integer that fits in 32 bits, found 12.5.")]
    [InlineData("\"eventKinds\": [", "\"eventKinds\": \"view\", \"unused\": [", "field 'eventKinds' must be an array of strings, found \"view\".")]
    [InlineData("\"eventKinds\": [\"view\"", "\"eventKinds\": [7", "field 'eventKinds[0]' must be a string, found 7.")]
    [InlineData("\"eventKinds\": [\"view\"", "\"eventKinds\": [null", "field 'eventKinds[0]' is null, expected 'View' (EventType order is part of the model format).")]
    [InlineData("\"eventKinds\": [\"view\"", "\"eventKinds\": [\"viewed\"", "field 'eventKinds[0]' is 'viewed', expected 'View' (EventType order is part of the model format).")]
    [InlineData("\"click\", ", "", "field 'eventKinds' has 8 entries, expected 9.")]
    [InlineData("\"name\": \"test-lstm\",", "\"name\": 5,", "field 'name' must be a string, found 5.")]
    [InlineData("\"name\": \"test-lstm\",", "\"name\": \"test-lstm\", \"popularityWeight\": true,", "field 'popularityWeight' must be a number, found true.")]
    [InlineData("\"name\": \"test-lstm\",", "\"name\": \"test-lstm\", \"popularityWeight\": 1e39,", "field 'popularityWeight' must be a finite number >= 0, found 1E+39.")]
    [InlineData("\"name\": \"test-lstm\",", "\"name\": \"test-lstm\", \"popularityWeight\": 1e400,", "field 'popularityWeight' must be a finite number >= 0, found Infinity.")]
    [InlineData("\"name\": \"test-lstm\",", "\"name\": \"test-lstm\", \"longTermHalfLifeSeconds\": -5,", "field 'longTermHalfLifeSeconds' must be a finite number > 0, found -5.")]
    [InlineData("\"name\": \"test-lstm\",", "\"name\": \"test-lstm\", \"coLikeWeight\": -0.5,", "field 'coLikeWeight' must be a finite number >= 0, found -0.5.")]
    [InlineData("\"name\": \"test-lstm\",", "\"name\": \"test-lstm\", \"coLikeWeight\": 1, \"coLikeDecay\": 1.5,", "field 'coLikeDecay' must be a number in (0, 1], found 1.5.")]
    [InlineData("\"name\": \"test-lstm\",", "\"name\": \"test-lstm\", \"coLikeWeight\": 1, \"coLikeWindow\": 0,", "field 'coLikeWindow' must be an integer from 1 to 200, found 0.")]
    [InlineData("\"name\": \"test-lstm\",", "\"name\": \"test-lstm\", \"coLikeWindow\": \"20\",", "field 'coLikeWindow' must be an integer that fits in 32 bits, found \"20\".")]
    [InlineData("\"version\": 1,", "\"version\": 1,,", "not valid JSON: ")]
    public void Load_ConfigMistakesGiveOneLineNamingTheFileAndTheField(string find, string replacement, string expectedMessage)
    {
        using var temp = new TempDirectory();
        string config = TestModelFolder.Config(Dim, Hidden);
        Assert.Contains(find, config, StringComparison.Ordinal);
        TestModelFolder.Write(
            temp.Path, Dim, Hidden, TestModelFolder.RandomTensors(Dim, Hidden, seed: 11, withItemTower: false).Values,
            config.Replace(find, replacement, StringComparison.Ordinal));

        string message = Assert.Throws<InvalidDataException>(() => InterestModel.Load(temp.Path)).Message;

        Assert.StartsWith($"{Path.Combine(temp.Path, InterestModel.ConfigFileName)}: {expectedMessage}", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"seed-interest-lstm\"")]
    public void Load_ConfigThatIsNotAnObjectIsRejected(string config)
    {
        using var temp = new TempDirectory();
        TestModelFolder.Write(temp.Path, Dim, Hidden, TestModelFolder.RandomTensors(Dim, Hidden, seed: 12, withItemTower: false).Values, config);

        string message = Assert.Throws<InvalidDataException>(() => InterestModel.Load(temp.Path)).Message;

        Assert.Equal($"{Path.Combine(temp.Path, InterestModel.ConfigFileName)}: must be a JSON object.", message);
    }

    [Fact]
    public void TryLoad_MissingFolderOrWeightsReturnsFalseWithReason()
    {
        using var temp = new TempDirectory();
        string missing = Path.Combine(temp.Path, "does-not-exist");

        Assert.False(InterestModel.TryLoad(missing, out InterestModel? model, out string reason));
        Assert.Null(model);
        Assert.Contains(missing, reason, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(temp.Path, InterestModel.ConfigFileName), TestModelFolder.Config(Dim, Hidden));
        Assert.False(InterestModel.TryLoad(temp.Path, out model, out reason));
        Assert.Null(model);
        Assert.Equal($"no model.safetensors in {temp.Path}", reason);
    }
}
