using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Seed.Abstractions.Events;
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

        // A batch of one user (one click is the common request) is all-or-nothing inside that user's grain, which looks
        // its items up before anything is logged and refuses unknown ones: asking the catalog first would add a round
        // trip (four messages) to every request. A batch spanning users asks first, so no user applies part of it.
        IReadOnlyList<EventBatchResult> results;
        if (byUser.Count == 1)
        {
            var (userId, events) = byUser.First();
            try
            {
                results = [await GrainReferences.Get<IUserGrain>(grains, userId).ApplyEventsAsync(events)];
            }
            catch (UnknownItemsException ex)
            {
                return UnknownItems(request!, ex.ItemIds, errors);
            }
        }
        else
        {
            var itemIds = byUser.Values.SelectMany(list => list).Where(e => e.ItemId is not null).Select(e => e.ItemId!).Distinct(StringComparer.Ordinal).ToList();
            var missing = itemIds.Count > 0 ? await grains.GetGrain<ICatalogGrain>(0).FindMissingAsync(itemIds) : [];
            if (missing.Count > 0)
            {
                return UnknownItems(request!, missing, errors);
            }

            results = await Task.WhenAll(byUser.Select(pair => GrainReferences.Get<IUserGrain>(grains, pair.Key).ApplyEventsAsync(pair.Value)));
        }

        var eventIds = request!.Events!.Select(e => e!.EventId!).ToList();
        return TypedResults.Accepted((string?)null, new EventBatchResponse(
            Accepted: eventIds.Count,
            Applied: results.Sum(r => r.Applied),
            Duplicates: results.Sum(r => r.Duplicates),
            Late: results.Sum(r => r.Late),
            EventIds: eventIds));
    }

    private static IResult UnknownItems(EventBatchRequest request, IReadOnlyList<string> unknownItemIds, ValidationErrors errors)
    {
        var unknown = unknownItemIds.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < request.Events!.Count; i++)
        {
            if (request.Events[i]?.ItemId is { } id && unknown.Contains(id))
            {
                errors.Add($"events[{i}].itemId", $"Unknown item '{id}': upsert it through POST /v1/items first.");
            }
        }

        return Problems.BadRequest(errors);
    }
}
