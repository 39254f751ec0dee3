using Seed.Abstractions;
using Seed.Abstractions.Events;
using Seed.Api.Contracts;

namespace Seed.Api.Validation;

/// <summary>
/// Turns a client batch into validated events grouped by user, or into field errors. A batch is all-or-nothing at
/// this stage: one bad event and nothing is applied.
/// </summary>
public static class EventBatchValidator
{
    public static Dictionary<string, List<UserEvent>> Validate(
        EventBatchRequest? request, ApiOptions limits, DateTimeOffset now, ValidationErrors errors)
    {
        var byUser = new Dictionary<string, List<UserEvent>>(StringComparer.Ordinal);
        if (request?.Events is null)
        {
            errors.Add("events", "'events' is required: an array of events.");
            return byUser;
        }

        if (request.Events.Count == 0 || request.Events.Count > limits.MaxEventsPerBatch)
        {
            errors.Add("events", $"'events' must hold 1 to {limits.MaxEventsPerBatch} events; it holds {request.Events.Count}.");
            return byUser;
        }

        for (var i = 0; i < request.Events.Count; i++)
        {
            var validated = ValidateOne(request.Events[i], i, limits, now, errors);
            if (validated is not null)
            {
                if (!byUser.TryGetValue(validated.Value.UserId, out var list))
                {
                    list = [];
                    byUser[validated.Value.UserId] = list;
                }

                list.Add(validated.Value.Event);
            }
        }

        return byUser;
    }

    /// <remarks>
    /// Field names ("events[0].itemId") are made only for an error: every event of every request comes through here,
    /// and naming each field up front cost seven strings per valid event.
    /// </remarks>
    private static (string UserId, UserEvent Event)? ValidateOne(
        EventRequest? source, int index, ApiOptions limits, DateTimeOffset now, ValidationErrors errors)
    {
        if (source is null)
        {
            var path = $"events[{index}]";
            errors.Add(path, $"'{path}' must be an event object, not null.");
            return null;
        }

        var ok = FieldRules.IsUsableId(source.EventId, limits.MaxIdLength)
            || FieldRules.RequireId(errors, Field(index, "eventId"), source.EventId, limits.MaxIdLength);
        ok &= FieldRules.IsUsableId(source.UserId, limits.MaxIdLength)
            || FieldRules.RequireId(errors, Field(index, "userId"), source.UserId, limits.MaxIdLength);
        if (!EventTypeNames.TryParse(source.Type, out var type))
        {
            var field = Field(index, "type");
            errors.Add(field, source.Type is null
                ? $"'{field}' is required; expected one of: {EventTypeNames.Expected}."
                : $"Unknown event type '{source.Type}'; expected one of: {EventTypeNames.Expected}.");
            return null;
        }

        var (needsItem, needsText) = Requirements(type);
        ok &= source.ItemId is null && !needsItem
            || FieldRules.IsUsableId(source.ItemId, limits.MaxIdLength)
            || FieldRules.RequireId(errors, Field(index, "itemId"), source.ItemId, limits.MaxIdLength);
        ok &= FieldRules.IsUsableText(source.Text, limits.MaxTextLength, needsText)
            || FieldRules.CheckText(errors, Field(index, "text"), source.Text, limits.MaxTextLength, needsText);
        ok &= CheckRating(errors, index, source.Rating, type);
        ok &= CheckTimestamp(errors, index, source.Timestamp, limits, now);
        ok &= CheckContext(errors, index, source.Context, limits);
        if (!ok)
        {
            return null;
        }

        return (source.UserId!, new UserEvent
        {
            EventId = source.EventId!,
            Type = type,
            ItemId = source.ItemId,
            Text = source.Text,
            Timestamp = source.Timestamp ?? now,
            Rating = source.Rating,
            Context = source.Context,
        });
    }

    private static bool CheckRating(ValidationErrors errors, int index, float? rating, Abstractions.EventType type)
    {
        if (rating is null)
        {
            if (type == Abstractions.EventType.Rating)
            {
                var field = Field(index, "rating");
                errors.Add(field, $"'{field}' is required for rating events.");
                return false;
            }

            return true;
        }

        if (!float.IsFinite(rating.Value) || rating < 0.5f || rating > 5f)
        {
            var field = Field(index, "rating");
            errors.Add(field, $"'{field}' must be between 0.5 and 5.");
            return false;
        }

        return true;
    }

    private static bool CheckTimestamp(ValidationErrors errors, int index, DateTimeOffset? timestamp, ApiOptions limits, DateTimeOffset now)
    {
        if (timestamp is { } value && value > now + limits.MaxClockSkew)
        {
            var field = Field(index, "timestamp");
            errors.Add(field, $"'{field}' is {value:O}, more than {limits.MaxClockSkew} ahead of the server clock ({now:O}).");
            return false;
        }

        return true;
    }

    private static bool CheckContext(ValidationErrors errors, int index, Dictionary<string, string>? context, ApiOptions limits)
    {
        if (context is null)
        {
            return true;
        }

        if (context.Count > limits.MaxContextEntries)
        {
            var field = Field(index, "context");
            errors.Add(field, $"'{field}' has {context.Count} entries; the limit is {limits.MaxContextEntries}.");
            return false;
        }

        foreach (var (key, value) in context)
        {
            if (key.Length > limits.MaxLabelLength || value is null || value.Length > limits.MaxContextValueLength)
            {
                errors.Add($"{Field(index, "context")}.{key}", $"Context keys are limited to {limits.MaxLabelLength} characters and values to {limits.MaxContextValueLength} (null is not allowed).");
                return false;
            }
        }

        return true;
    }

    /// <summary>The name errors give the field <paramref name="name"/> of the batch's event <paramref name="index"/>.</summary>
    private static string Field(int index, string name) => $"events[{index}].{name}";

    /// <summary>Which of item and text an event type needs; the other one is optional.</summary>
    private static (bool NeedsItem, bool NeedsText) Requirements(EventType type) => type switch
    {
        EventType.View or EventType.Click or EventType.AddToCart or EventType.Purchase or EventType.Dislike or EventType.Rating => (true, false),
        EventType.Search or EventType.Review or EventType.Tag => (false, true),
        _ => (false, false),
    };
}
