using Seed.Abstractions.Catalog;

namespace Seed.Grains.Tests;

/// <summary>
/// A small catalog with clearly separated themes. Ids carry a per-test prefix so tests sharing the cluster never
/// see each other's items.
/// </summary>
public static class TestCatalog
{
    public static readonly string[] Guitars =
    [
        "Electric guitar with humbucker pickups for rock music",
        "Acoustic guitar strings, phosphor bronze, light gauge",
        "Guitar amplifier with distortion and reverb effects",
        "Classical nylon-string guitar for beginners",
        "Guitar pedal for overdrive and fuzz tones",
        "Bass guitar with active pickups and four strings",
        "Guitar tuner clip-on chromatic",
        "Guitar picks and a capo set for acoustic players",
    ];

    public static readonly string[] Kitchen =
    [
        "Stainless steel chef knife for slicing vegetables",
        "Non-stick frying pan for cooking eggs and pancakes",
        "Cast iron skillet for searing steak in the kitchen",
        "Wooden cutting board for the kitchen counter",
        "Kitchen knife set with a sharpening steel",
        "Saucepan with lid for simmering soups and sauces",
        "Chef's kitchen utensils: spatula, ladle and whisk",
        "Baking tray and oven mitts for the kitchen",
    ];

    public static readonly string[] Space =
    [
        "Telescope for observing planets, stars and galaxies",
        "Astronomy book about black holes and the universe",
        "Star map poster of the night sky constellations",
        "Rocket model kit of a space launch vehicle",
        "Documentary about astronauts on the space station",
        "Planetarium projector showing stars on the ceiling",
    ];

    public static List<CatalogItem> Build(string prefix)
    {
        var items = new List<CatalogItem>();
        Add(items, prefix, "guitar", "Music", Guitars, popularity: 10);
        Add(items, prefix, "kitchen", "Kitchen", Kitchen, popularity: 20);
        Add(items, prefix, "space", "Astronomy", Space, popularity: 5);
        return items;
    }

    public static string Id(string prefix, string theme, int index) => $"{prefix}-{theme}-{index}";

    private static void Add(List<CatalogItem> items, string prefix, string theme, string category, string[] texts, double popularity)
    {
        for (var i = 0; i < texts.Length; i++)
        {
            items.Add(new CatalogItem
            {
                Id = Id(prefix, theme, i),
                Title = texts[i],
                Categories = [category, prefix],
                Tags = [theme],
                Popularity = popularity + i,
            });
        }
    }
}
