using Microsoft.Extensions.Options;

namespace Seed.Silo.DemoCatalog;

/// <summary>The rules annotated on <see cref="DemoCatalogOptions"/>, compiled by the options source generator.</summary>
[OptionsValidator]
public sealed partial class DemoCatalogOptionsValidator : IValidateOptions<DemoCatalogOptions>;
