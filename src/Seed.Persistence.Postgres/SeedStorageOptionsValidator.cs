using Microsoft.Extensions.Options;

namespace Seed.Persistence.Postgres;

/// <summary>
/// The rules of <see cref="SeedStorageOptions"/> (its attributes and its provider check), compiled by the options
/// source generator.
/// </summary>
[OptionsValidator]
public sealed partial class SeedStorageOptionsValidator : IValidateOptions<SeedStorageOptions>;
