using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Grains;
using Seed.Abstractions.Users;
using Seed.Api.Validation;
using Seed.Core.Telemetry;

namespace Seed.Api.Endpoints;

/// <summary>Per-user reads and erasure: recommendations, interests, summary, export, delete.</summary>
public static class UserEndpoints
{
    public static async Task<IResult> GetRecommendationsAsync(string id, HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> options)
    {
        var limits = options.Value;
        var errors = new ValidationErrors();
        FieldRules.CheckId(errors, "id", id, limits.MaxIdLength);
        var k = ParseInt(request, "k", 20, 1, limits.MaxK, errors);
        var recommendation = ParseRecommendationRequest(request, limits, errors) with { K = k };
        if (!errors.IsEmpty)
        {
            return Problems.BadRequest(errors);
        }

        long started = Stopwatch.GetTimestamp();
        var result = await GrainReferences.Get<IUserGrain>(grains, id).RecommendAsync(recommendation);
        SeedMetrics.RecommendationLatency.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return TypedResults.Ok(result);
    }

    /// <summary>
    /// Where one item stands in the user's recommendations (same filters as the list, no diversification): its score
    /// and 1-based rank among the eligible items, or why it is not eligible. 404 when the catalog lacks the item.
    /// </summary>
    public static async Task<IResult> GetItemRankAsync(string id, string itemId, HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> options)
    {
        var limits = options.Value;
        var errors = new ValidationErrors();
        FieldRules.CheckId(errors, "id", id, limits.MaxIdLength);
        FieldRules.CheckId(errors, "itemId", itemId, limits.MaxIdLength);
        var recommendation = ParseRecommendationRequest(request, limits, errors);
        if (!errors.IsEmpty)
        {
            return Problems.BadRequest(errors);
        }

        var result = await GrainReferences.Get<IUserGrain>(grains, id).RankItemAsync(itemId, recommendation);
        return result.Item.Found
            ? TypedResults.Ok(result)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown item", detail: $"The catalog does not hold item '{itemId}'.");
    }

    /// <summary>The filters shared by the list and the single-item rank (everything but K).</summary>
    private static RecommendationRequest ParseRecommendationRequest(HttpRequest request, ApiOptions limits, ValidationErrors errors) => new()
    {
        ExcludeSeen = ParseBool(request, "excludeSeen", true, errors),
        DiversityLambda = ParseFloat(request, "diversity", 0f, 1f, errors),
        IncludeCategories = ParseLabels(request, "category", limits, errors),
        ExcludeCategories = ParseLabels(request, "excludeCategory", limits, errors),
    };

    public static async Task<IResult> GetInterestsAsync(string id, HttpRequest request, IGrainFactory grains, IOptions<ApiOptions> options)
    {
        var errors = new ValidationErrors();
        FieldRules.CheckId(errors, "id", id, options.Value.MaxIdLength);
        var top = ParseInt(request, "top", 10, 1, 100, errors);
        return errors.IsEmpty
            ? TypedResults.Ok(await GrainReferences.Get<IUserGrain>(grains, id).GetInterestsAsync(top))
            : Problems.BadRequest(errors);
    }

    public static Task<IResult> GetSummaryAsync(string id, IGrainFactory grains, IOptions<ApiOptions> options) =>
        ReadValidUserAsync(id, options.Value, () => GrainReferences.Get<IUserGrain>(grains, id).GetSummaryAsync());

    /// <summary>A data-subject access request: everything stored about the user, as JSON.</summary>
    public static Task<IResult> ExportAsync(string id, IGrainFactory grains, IOptions<ApiOptions> options) =>
        ReadValidUserAsync(id, options.Value, () => GrainReferences.Get<IUserGrain>(grains, id).ExportAsync());

    /// <summary>200 with what <paramref name="read"/> returns, or 400 naming <c>id</c> without calling it.</summary>
    private static async Task<IResult> ReadValidUserAsync<T>(string id, ApiOptions limits, Func<Task<T>> read)
    {
        var errors = new ValidationErrors();
        FieldRules.CheckId(errors, "id", id, limits.MaxIdLength);
        return errors.IsEmpty ? TypedResults.Ok(await read()) : Problems.BadRequest(errors);
    }

    public static async Task<IResult> DeleteAsync(string id, IGrainFactory grains, IOptions<ApiOptions> options)
    {
        var errors = new ValidationErrors();
        FieldRules.CheckId(errors, "id", id, options.Value.MaxIdLength);
        if (!errors.IsEmpty)
        {
            return Problems.BadRequest(errors);
        }

        await GrainReferences.Get<IUserGrain>(grains, id).EraseAsync();
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
