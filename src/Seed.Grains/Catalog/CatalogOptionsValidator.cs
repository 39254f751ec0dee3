using Microsoft.Extensions.Options;

namespace Seed.Grains.Catalog;

/// <summary>The rules annotated on <see cref="CatalogOptions"/>, compiled by the options source generator.</summary>
[OptionsValidator]
public sealed partial class CatalogOptionsValidator : IValidateOptions<CatalogOptions>;
