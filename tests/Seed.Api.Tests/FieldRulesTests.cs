using Seed.Api.Validation;

namespace Seed.Api.Tests;

/// <summary>The shared id and text rules: each reports the error a client reads, and the quiet form the event path asks first agrees with it.</summary>
public sealed class FieldRulesTests
{
    private const int MaxLength = 8;

    [Theory]
    [InlineData("item-1", null)]
    [InlineData("12345678", null)]
    [InlineData(null, "'id' is required.")]
    [InlineData("", "'id' is required.")]
    [InlineData("   ", "'id' is required.")]
    [InlineData("123456789", "'id' is 9 characters long; the limit is 8.")]
    [InlineData(" item", "'id' must not contain control characters or leading/trailing white space.")]
    [InlineData("it\u0001em", "'id' must not contain control characters or leading/trailing white space.")]
    public void A_required_id_is_accepted_or_reported_and_the_quiet_check_agrees(string? value, string? expectedError)
    {
        var errors = new ValidationErrors();

        var accepted = FieldRules.RequireId(errors, "id", value, MaxLength);

        Assert.Equal(expectedError is null, accepted);
        Assert.Equal(accepted, FieldRules.IsUsableId(value, MaxLength));
        AssertReported(errors, "id", expectedError);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("a b", null)]
    [InlineData(" a", "'id' must not contain control characters or leading/trailing white space.")]
    [InlineData("123456789", "'id' is 9 characters long; the limit is 8.")]
    public void A_present_id_is_accepted_or_reported(string value, string? expectedError)
    {
        var errors = new ValidationErrors();

        Assert.Equal(expectedError is null, FieldRules.CheckId(errors, "id", value, MaxLength));
        AssertReported(errors, "id", expectedError);
    }

    [Theory]
    [InlineData("a text", false, null)]
    [InlineData(null, false, null)]
    [InlineData("", false, "'text' must not be blank when given.")]
    [InlineData("  ", false, "'text' must not be blank when given.")]
    [InlineData(null, true, "'text' is required and must not be blank.")]
    [InlineData(" ", true, "'text' is required and must not be blank.")]
    [InlineData("123456789", false, "'text' is 9 characters long; the limit is 8.")]
    [InlineData("123456789", true, "'text' is 9 characters long; the limit is 8.")]
    public void Text_is_accepted_or_reported_and_the_quiet_check_agrees(string? value, bool required, string? expectedError)
    {
        var errors = new ValidationErrors();

        var accepted = FieldRules.CheckText(errors, "text", value, MaxLength, required);

        Assert.Equal(expectedError is null, accepted);
        Assert.Equal(accepted, FieldRules.IsUsableText(value, MaxLength, required));
        AssertReported(errors, "text", expectedError);
    }

    private static void AssertReported(ValidationErrors errors, string field, string? expectedError)
    {
        if (expectedError is null)
        {
            Assert.True(errors.IsEmpty);
            return;
        }

        Assert.Equal([expectedError], Assert.Single(errors.ToDictionary(), pair => pair.Key == field).Value);
    }
}
