namespace Seed.Core.Tests.Encoding.Named;

/// <summary>all-MiniLM-L6-v2: mean pooling over the real tokens, normalised.</summary>
public sealed class MiniLmEncoderTests(MiniLmFixture fixture) : NamedEncoderContract<MiniLmFixture>(fixture), IClassFixture<MiniLmFixture>;
