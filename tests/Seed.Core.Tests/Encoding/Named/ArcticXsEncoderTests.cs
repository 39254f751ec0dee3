namespace Seed.Core.Tests.Encoding.Named;

/// <summary>arctic-embed-xs: the [CLS] vector, normalised.</summary>
public sealed class ArcticXsEncoderTests(ArcticXsFixture fixture) : NamedEncoderContract<ArcticXsFixture>(fixture), IClassFixture<ArcticXsFixture>;
