using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Grains;
using Seed.Abstractions.Users;
using Seed.Api.Validation;

namespace Seed.Api.Endpoints;

/// <summary>Per-user reads and erasure: recommendations, interests, summary, delete.</summary>
public static class UserEndpoints
{
    public static async Task<IResult> GetRecommendationsAsync(string id, HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> options)
    {
        var limits = options.Value;
        var errors = new ValidationErrors();
        FieldRules.CheckId(errors, "id", id, limits.MaxIdLength);
        var k = ParseInt(request, "k", 20, 1, limits.MaxK, errors);
        var excludeSeen = ParseBool(request, "excludeSeen", true, errors);
        var diversity = ParseFloat(request, "diversity", 0f, 1f, errors);
        var include = ParseLabels(request, "category", limits, errors);
        var exclude = ParseLabels(request, "excludeCategory", limits, errors);
        if (!errors.IsEmpty)
        {
            return Problems.BadRequest(errors);
        }

        var result = await grains.GetGrain<IUserGrain>(id).RecommendAsync(new RecommendationRequest
        {
            K = k,
            ExcludeSeen = excludeSeen,
            DiversityLambda = diversity,
            IncludeCategories = include,
            ExcludeCategories = exclude,
        });
        return TypedResults.Ok(result);
    }

    public static async Task<IResult> GetInterestsAsync(string id, HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> options)
    {
        var errors = new ValidationErrors();
        FieldRules.CheckId(errors, "id", id, options.Value.MaxIdLength);
        var top = ParseInt(request, "top", 10, 1, 100, errors);
        return errors.IsEmpty
            ? TypedResults.Ok(await grains.GetGrain<IUserGrain>(id).GetInterestsAsync(top))
            : Problems.BadRequest(errors);
    }

    public static async Task<IResult> GetSummaryAsync(string id, IGrainFactory grains, IOptions<ApiOptions> options)
    {
        var errors = new ValidationErrors();
        FieldRules.CheckId(errors, "id", id, options.Value.MaxIdLength);
        return errors.IsEmpty
            ? TypedResults.Ok(await grains.GetGrain<IUserGrain>(id).GetSummaryAsync())
            : Problems.BadRequest(errors);
    }

    public static async Task<IResult> DeleteAsync(string id, IGrainFactory grains, IOptions<ApiOptions> options)
    {
        var errors = new ValidationErrors();
        FieldRules.CheckId(errors, "id", id, options.Value.MaxIdLength);
        if (!errors.IsEmpty)
        {
            return Problems.BadRequest(errors);
        }

        await grains.GetGrain<IUserGrain>(id).EraseAsync();
        return TypedResults.NoContent();
    }

    private static int ParseInt(HttpRequest request, string name, int fallback, int min, int max, ValidationErrors errors)
    {
        if (!request.Query.TryGetValue(name, out var raw))
        {
            return fallback;
        }

        if (raw.Count != 1 || !int.TryParse(raw[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(name, $"'{name}' must be one whole number from {min} to {max}.");
            return fallback;
        }

        return value;
    }

    private static bool ParseBool(HttpRequest request, string name, bool fallback, ValidationErrors errors)
    {
        if (!request.Query.TryGetValue(name, out var raw))
        {
            return fallback;
        }

        if (raw.Count != 1 || !bool.TryParse(raw[0], out var value))
        {
            errors.Add(name, $"'{name}' must be true or false.");
            return fallback;
        }

        return value;
    }

    private static float? ParseFloat(HttpRequest request, string name, float min, float max, ValidationErrors errors)
    {
        if (!request.Query.TryGetValue(name, out var raw))
        {
            return null;
        }

        if (raw.Count != 1 || !float.TryParse(raw[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= min && value <= max))
        {
            errors.Add(name, $"'{name}' must be a number from {min} to {max}.");
            return null;
        }

        return value;
    }

    private static List<string> ParseLabels(HttpRequest request, string name, ApiOptions limits, ValidationErrors errors)
    {
        var labels = request.Query[name].Where(value => !string.IsNullOrEmpty(value)).Select(value => value!).ToList();
        if (labels.Count > limits.MaxLabelsPerItem || labels.Any(label => label.Length > limits.MaxLabelLength))
        {
            errors.Add(name, $"At most {limits.MaxLabelsPerItem} '{name}' values of at most {limits.MaxLabelLength} characters each.");
        }

        return labels;
    }
}
