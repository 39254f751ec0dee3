using Seed.Abstractions.Catalog;
using Seed.Api.Contracts;

namespace Seed.Api.Validation;

/// <summary>Validates an item upsert batch; all-or-nothing like events.</summary>
public static class ItemBatchValidator
{
    public static List<CatalogItem> Validate(ItemBatchRequest? request, ApiOptions limits, ValidationErrors errors)
    {
        var items = new List<CatalogItem>();
        if (request?.Items is null)
        {
            errors.Add("items", "'items' is required: an array of items.");
            return items;
        }

        if (request.Items.Count == 0 || request.Items.Count > limits.MaxItemsPerBatch)
        {
            errors.Add("items", $"'items' must hold 1 to {limits.MaxItemsPerBatch} items; it holds {request.Items.Count}.");
            return items;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Items.Count; i++)
        {
            var path = $"items[{i}]";
            var source = request.Items[i];
            if (source is null)
            {
                errors.Add(path, $"'{path}' must be an item object, not null.");
                continue;
            }

            var ok = FieldRules.RequireId(errors, $"{path}.id", source.Id, limits.MaxIdLength);
            if (ok && !seen.Add(source.Id!))
            {
                errors.Add($"{path}.id", $"Item id '{source.Id}' appears more than once in the batch.");
                ok = false;
            }

            ok &= FieldRules.CheckText(errors, $"{path}.title", source.Title, limits.MaxTitleLength, required: true);
            ok &= FieldRules.CheckText(errors, $"{path}.text", source.Text, limits.MaxTextLength, required: false);
            ok &= CheckLabels(errors, $"{path}.categories", source.Categories, limits);
            ok &= CheckLabels(errors, $"{path}.tags", source.Tags, limits);
            if (source.Popularity is { } popularity && (!double.IsFinite(popularity) || popularity < 0))
            {
                errors.Add($"{path}.popularity", $"'{path}.popularity' must be a finite number >= 0.");
                ok = false;
            }

            if (ok)
            {
                items.Add(new CatalogItem
                {
                    Id = source.Id!,
                    Title = source.Title!,
                    Text = source.Text,
                    Categories = source.Categories ?? [],
                    Tags = source.Tags ?? [],
                    Popularity = source.Popularity ?? 0,
                    CreatedAt = source.CreatedAt,
                });
            }
        }

        return items;
    }

    private static bool CheckLabels(ValidationErrors errors, string field, List<string>? labels, ApiOptions limits)
    {
        if (labels is null)
        {
            return true;
        }

        if (labels.Count > limits.MaxLabelsPerItem)
        {
            errors.Add(field, $"'{field}' has {labels.Count} labels; the limit is {limits.MaxLabelsPerItem}.");
            return false;
        }

        for (var i = 0; i < labels.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(labels[i]) || labels[i].Length > limits.MaxLabelLength)
            {
                errors.Add($"{field}[{i}]", $"Labels must be non-blank and at most {limits.MaxLabelLength} characters.");
                return false;
            }
        }

        return true;
    }
}
