using Microsoft.Extensions.Options;

namespace Seed.Core.Interest;

/// <summary>The rules annotated on <see cref="InterestOptions"/>, compiled by the options source generator.</summary>
[OptionsValidator]
public sealed partial class InterestOptionsValidator : IValidateOptions<InterestOptions>;
