using System.ComponentModel.DataAnnotations;
using Seed.Abstractions.Configuration;

namespace Seed.Persistence.Postgres;

/// <summary>
/// Section <c>Seed:Storage</c>: where the event log and the item table live. The host checks the rules below
/// (<see cref="SeedStorageOptionsValidator"/>) when it starts.
/// </summary>
public sealed class SeedStorageOptions : IValidatableObject
{
    public const string SectionName = "Seed:Storage";

    /// <summary><c>Memory</c> (embedded default: volatile log, items in grain state) or <c>PostgreSQL</c>.</summary>
    public string Provider { get; set; } = "Memory";

    /// <summary>Name under <c>ConnectionStrings</c> holding the Npgsql connection string.</summary>
    [Required(ErrorMessage = SectionName + ":ConnectionName must not be empty.")]
    public string ConnectionName { get; set; } = "seed";

    /// <summary>How a group of appends reaches the table; see <see cref="EventAppendMode"/>.</summary>
    [EnumDataType(typeof(EventAppendMode), ErrorMessage = SectionName + ":AppendMode must be Unnest or Copy.")]
    public EventAppendMode AppendMode { get; set; } = EventAppendMode.Unnest;

    /// <summary>Most events written by one group commit; appends queued beyond it go in the next round trip.</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = SectionName + ":MaxAppendBatchEvents must be at least {1}.")]
    public int MaxAppendBatchEvents { get; set; } = 8192;

    public bool IsPostgres => string.Equals(Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);

    private bool IsMemory => string.Equals(Provider, "Memory", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Any other provider name would quietly run on the volatile in-memory log, so a typo in a durable deployment must
    /// stop start-up instead.
    /// </summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (!IsMemory && !IsPostgres)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(Provider)} must be \"Memory\" or \"PostgreSQL\", but is \"{Provider}\".", [nameof(Provider)]);
        }
    }
}
