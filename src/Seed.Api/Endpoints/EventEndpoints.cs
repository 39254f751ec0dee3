using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Grains;
using Seed.Api.Contracts;
using Seed.Api.Validation;

namespace Seed.Api.Endpoints;

/// <summary><c>POST /v1/events</c>: validate the whole batch, then hand each user's events to that user's grain.</summary>
public static class EventEndpoints
{
    public static async Task<IResult> PostEventsAsync(
        HttpContext context, IGrainFactory grains, IOptions<ApiOptions> options, TimeProvider clock)
    {
        var (request, errors) = await JsonBody.ReadAsync<EventBatchRequest>(context);
        if (!errors.IsEmpty)
        {
            return Problems.BadRequest(errors);
        }

        var byUser = EventBatchValidator.Validate(request, options.Value, clock.GetUtcNow(), errors);
        if (!errors.IsEmpty)
        {
            return Problems.BadRequest(errors);
        }

        // Unknown items are refused before anything is applied, so the batch stays all-or-nothing.
        var itemIds = byUser.Values.SelectMany(list => list).Where(e => e.ItemId is not null).Select(e => e.ItemId!).Distinct(StringComparer.Ordinal).ToList();
        if (itemIds.Count > 0)
        {
            var missing = (await grains.GetGrain<ICatalogGrain>(0).FindMissingAsync(itemIds)).ToHashSet(StringComparer.Ordinal);
            if (missing.Count > 0)
            {
                for (var i = 0; i < request!.Events!.Count; i++)
                {
                    if (request.Events[i]?.ItemId is { } id && missing.Contains(id))
                    {
                        errors.Add($"events[{i}].itemId", $"Unknown item '{id}': upsert it through POST /v1/items first.");
                    }
                }

                return Problems.BadRequest(errors);
            }
        }

        var results = await Task.WhenAll(byUser.Select(pair => grains.GetGrain<IUserGrain>(pair.Key).ApplyEventsAsync(pair.Value)));
        var eventIds = request!.Events!.Select(e => e!.EventId!).ToList();
        return TypedResults.Accepted((string?)null, new EventBatchResponse(
            Accepted: eventIds.Count,
            Applied: results.Sum(r => r.Applied),
            Duplicates: results.Sum(r => r.Duplicates),
            Late: results.Sum(r => r.Late),
            EventIds: eventIds));
    }
}
