using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Seed.Abstractions;
using Seed.Core.Collaborative;

namespace Seed.Core.Interest;

/// <summary>
/// The checked contents of an interest model's config.json: what <see cref="InterestModel"/> needs from it.
/// <see cref="Read"/> owns the file's rules and turns every mistake a user can make into one line naming the file
/// and the field, because a model folder is edited and copied by hand and a bare JsonException would not say which.
/// </summary>
internal sealed record InterestModelConfig(
    int EmbeddingDim, int HiddenDim, string Name, string? CreatedBy, string? CreatedAt, float PopularityWeight, double? LongTermHalfLifeSeconds, CoLikeSettings CoLike)
{
    /// <summary>Reads and checks <paramref name="configPath"/>; throws <see cref="InvalidDataException"/> naming the field.</summary>
    public static InterestModelConfig Read(string configPath)
    {
        // Parsing first and binding second keeps "not JSON at all" apart from "a field has the wrong JSON type".
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(configPath));
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{configPath}: not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{configPath}: must be a JSON object.");
            }

            InterestModelConfigJson json;
            try
            {
                // Never null: the root was just checked to be an object, and only a JSON null deserializes to null.
                json = document.Deserialize(InterestModelConfigJsonContext.Default.InterestModelConfigJson)!;
            }
            catch (JsonException exception)
            {
                throw WrongType(exception, document.RootElement, configPath);
            }

            return Check(json, configPath);
        }
    }

    /// <summary>Every like sends a pair per item in the window, so the window bounds the event path's fan-out.</summary>
    private const int MaxCoLikeWindow = 200;

    private static InterestModelConfig Check(InterestModelConfigJson json, string configPath)
    {
        string format = json.Format ?? throw Missing("format", configPath);
        if (format != InterestModel.FormatName)
        {
            throw new InvalidDataException($"{configPath}: field 'format' is '{format}', expected '{InterestModel.FormatName}'.");
        }

        int version = Positive(json.Version, "version", configPath);
        if (version != InterestModel.SupportedVersion)
        {
            throw new InvalidDataException($"{configPath}: field 'version' is {version}; this build supports version {InterestModel.SupportedVersion}.");
        }

        int embeddingDim = Positive(json.EmbeddingDim, "embeddingDim", configPath);
        int hiddenDim = Positive(json.HiddenDim, "hiddenDim", configPath);
        CheckEventKinds(json.EventKinds, configPath);

        if (json.PopularityWeight is { } weight && !(double.IsFinite(weight) && weight >= 0 && weight <= float.MaxValue))
        {
            throw new InvalidDataException($"{configPath}: field 'popularityWeight' must be a finite number >= 0, found {Number(weight)}.");
        }

        if (json.LongTermHalfLifeSeconds is { } halfLife && !(double.IsFinite(halfLife) && halfLife > 0 && halfLife <= float.MaxValue))
        {
            throw new InvalidDataException($"{configPath}: field 'longTermHalfLifeSeconds' must be a finite number > 0, found {Number(halfLife)}.");
        }

        var coLike = CoLikeSettings.Disabled;
        if (json.CoLikeWeight is { } coLikeWeight)
        {
            if (!(double.IsFinite(coLikeWeight) && coLikeWeight >= 0 && coLikeWeight <= float.MaxValue))
            {
                throw new InvalidDataException($"{configPath}: field 'coLikeWeight' must be a finite number >= 0, found {Number(coLikeWeight)}.");
            }

            double decay = json.CoLikeDecay ?? 1.0;
            if (!(double.IsFinite(decay) && decay > 0 && decay <= 1))
            {
                throw new InvalidDataException($"{configPath}: field 'coLikeDecay' must be a number in (0, 1], found {Number(decay)}.");
            }

            int window = json.CoLikeWindow ?? CoLikeSettings.DefaultWindow;
            if (window is <= 0 or > MaxCoLikeWindow)
            {
                throw new InvalidDataException($"{configPath}: field 'coLikeWindow' must be an integer from 1 to {MaxCoLikeWindow}, found {window}.");
            }

            coLike = new CoLikeSettings((float)coLikeWeight, (float)decay, window);
        }

        return new InterestModelConfig(
            embeddingDim,
            hiddenDim,
            json.Name ?? "unnamed interest model",
            json.CreatedBy,
            json.CreatedAt,
            (float)(json.PopularityWeight ?? 0),
            json.LongTermHalfLifeSeconds,
            coLike);
    }

    // The one-hot slots are positional: a model trained with a different kind order would read every event wrongly.
    // Names may be spelt as Python or C# spell them (view, add_to_cart, add-to-cart, addToCart, AddToCart).
    private static void CheckEventKinds(string?[]? kinds, string configPath)
    {
        if (kinds is null)
        {
            throw new InvalidDataException($"{configPath}: field 'eventKinds' (array of the {EventFeatures.EventKindCount} kinds in one-hot order) is missing.");
        }

        if (kinds.Length != EventFeatures.EventKindCount)
        {
            throw new InvalidDataException($"{configPath}: field 'eventKinds' has {kinds.Length} entries, expected {EventFeatures.EventKindCount}.");
        }

        for (int index = 0; index < kinds.Length; index++)
        {
            var expected = (EventType)index;
            if (!EventTypeNames.TryParse(kinds[index], out EventType actual) || actual != expected)
            {
                string found = kinds[index] is { } name ? $"'{name}'" : "null";
                throw new InvalidDataException(
                    $"{configPath}: field 'eventKinds[{index}]' is {found}, expected '{expected}' (EventType order is part of the model format).");
            }
        }
    }

    private static int Positive(int? value, string field, string configPath) => value switch
    {
        null => throw Missing(field, configPath),
        <= 0 => throw new InvalidDataException($"{configPath}: field '{field}' must be a positive integer, found {value}."),
        _ => value.Value,
    };

    /// <summary>Rephrases the serializer's "could not convert" error as the field, what it must be and what the file has.</summary>
    private static InvalidDataException WrongType(JsonException exception, JsonElement root, string configPath)
    {
        // The document is flat, so the path is "$.field" or, inside eventKinds, "$.field[i]".
        string field = exception.Path is ['$', '.', .. string rest] ? rest : exception.Path ?? "?";
        string property = field.Split('[')[0];
        JsonPropertyInfo? info = InterestModelConfigJsonContext.Default.InterestModelConfigJson.Properties
            .FirstOrDefault(candidate => candidate.Name == property);
        string expected = (Nullable.GetUnderlyingType(info?.PropertyType ?? typeof(object)) ?? info?.PropertyType) switch
        {
            Type type when type == typeof(int) => "an integer that fits in 32 bits",
            Type type when type == typeof(double) => "a number",
            Type type when type == typeof(string) => "a string",
            Type type when type == typeof(string[]) => field == property ? "an array of strings" : "a string",
            _ => "a different JSON type",
        };
        string found = Find(root, field) is { } element ? element.GetRawText() : "a value of another type";
        return new InvalidDataException($"{configPath}: field '{field}' must be {expected}, found {found}.", exception);
    }

    private static JsonElement? Find(JsonElement root, string field)
    {
        string[] parts = field.Split('[', ']');
        if (!root.TryGetProperty(parts[0], out JsonElement element))
        {
            return null;
        }

        return parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && element.ValueKind == JsonValueKind.Array && index < element.GetArrayLength()
            ? element[index]
            : element;
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static InvalidDataException Missing(string field, string configPath) => new($"{configPath}: required field '{field}' is missing.");
}
