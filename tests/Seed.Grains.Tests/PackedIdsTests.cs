using Seed.Storage;

namespace Seed.Grains.Tests;

public sealed class PackedIdsTests
{
    [Fact]
    public void Ids_with_any_characters_come_back_as_they_went_in_and_in_order()
    {
        string[] ids = ["e1", "", "with:colon", "12:34", "9", "ünïcødé ✓", new string('x', 1234), "line\nbreak"];

        var packed = PackedIds.Pack(ids);

        Assert.Equal(ids, PackedIds.Unpack(packed));
        Assert.Equal("2:e10:", packed[..6]);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(999)]
    [InlineData(1000)]
    [InlineData(10000)]
    public void Ids_whose_length_is_at_a_power_of_ten_come_back_whole(int length)
    {
        string[] ids = [new string('a', length), "b"];

        Assert.Equal(ids, PackedIds.Unpack(PackedIds.Pack(ids)));
    }

    [Fact]
    public void An_empty_window_packs_to_an_empty_string() =>
        Assert.Empty(PackedIds.Unpack(PackedIds.Pack([])));

    [Theory]
    [InlineData("3:ab")]
    [InlineData("x:ab")]
    [InlineData(":ab")]
    [InlineData("2")]
    [InlineData("-1:a")]
    public void Anything_pack_did_not_write_is_refused(string packed) =>
        Assert.Throws<FormatException>(() => PackedIds.Unpack(packed));
}
