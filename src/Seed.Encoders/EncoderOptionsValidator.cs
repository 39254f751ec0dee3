using Microsoft.Extensions.Options;

namespace Seed.Encoders;

/// <summary>
/// The rules of <see cref="EncoderOptions"/> (its attributes and its <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>
/// checks), compiled by the options source generator.
/// </summary>
[OptionsValidator]
public sealed partial class EncoderOptionsValidator : IValidateOptions<EncoderOptions>;
