using Microsoft.Extensions.Options;

namespace Seed.Grains.Users;

/// <summary>The rules annotated on <see cref="InterestModelOptions"/>, compiled by the options source generator.</summary>
[OptionsValidator]
public sealed partial class InterestModelOptionsValidator : IValidateOptions<InterestModelOptions>;
