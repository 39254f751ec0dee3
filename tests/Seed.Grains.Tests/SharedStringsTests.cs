using Seed.Grains.Users;

namespace Seed.Grains.Tests;

/// <summary><see cref="SharedStrings.ShareLowerInvariant"/>: the pooled lower-case form of a category name.</summary>
public sealed class SharedStringsTests
{
    [Fact]
    public void The_lower_case_form_is_pooled_and_found_again_from_any_casing()
    {
        var strings = new SharedStrings();

        var first = strings.ShareLowerInvariant("Sci-Fi");
        var again = strings.ShareLowerInvariant("SCI-FI");

        Assert.Equal("sci-fi", first);
        Assert.Same(first, again);
        Assert.Same(first, strings.Share("sci-fi"));
    }

    [Fact]
    public void Names_longer_than_the_stack_buffer_and_non_ascii_names_lower_case_as_string_does()
    {
        var strings = new SharedStrings();
        var longName = new string('X', 300) + "Ä";

        Assert.Equal(longName.ToLowerInvariant(), strings.ShareLowerInvariant(longName));
        Assert.Same(strings.ShareLowerInvariant(longName), strings.ShareLowerInvariant(longName.ToLowerInvariant()));
        Assert.Equal("ÉTÉ".ToLowerInvariant(), strings.ShareLowerInvariant("ÉTÉ"));
    }

    [Fact]
    public void A_full_pool_hands_back_the_lower_case_string_without_pooling_it()
    {
        var strings = new SharedStrings(capacity: 1);
        strings.Share("taken");

        Assert.Equal("books", strings.ShareLowerInvariant("Books"));
        Assert.NotSame(strings.ShareLowerInvariant("Books"), strings.ShareLowerInvariant("Books"));
    }
}
