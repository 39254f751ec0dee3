using System.CommandLine;
using System.Globalization;

namespace Seed.Tools;

/// <summary>
/// Options whose values are checked as they are parsed, so that a wrong value is refused by System.CommandLine with
/// one message naming the option (<c>--k must be a positive whole number, not 'abc'.</c>) instead of a conversion error
/// or an exception in a validator. Numbers are read with the invariant culture, whatever the machine's.
/// </summary>
internal static class TypedOptions
{
    /// <summary>An option whose text <paramref name="parse"/> turns into a value, or into the error to report.</summary>
    public static Option<T> Parsed<T>(string name, string description, Func<string, (T Value, string? Error)> parse, string? helpName = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new Option<T>(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                if (result.Tokens.Count != 1)
                {
                    return default!; // System.CommandLine reports the arity itself.
                }

                var (value, error) = parse(result.Tokens[0].Value);
                if (error is not null)
                {
                    result.AddError(error);
                }

                return value;
            },
        };
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> Int(string name, string description, int defaultValue, int min = 1, int max = int.MaxValue) =>
        WithDefault(Parsed(name, description, text => TryInt(text, min, max, out var value) ? (value, null) : (0, Refusal(name, WholeNumber(min, max), text)), "int"), defaultValue);

    /// <summary>An optional whole number from <paramref name="min"/> to <paramref name="max"/>: null when not given.</summary>
    public static Option<int?> OptionalInt(string name, string description, int min, int max) =>
        Parsed<int?>(name, description, text => TryInt(text, min, max, out var value) ? (value, null) : (null, Refusal(name, WholeNumber(min, max), text)), "int");

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<double> Number(string name, string description, double defaultValue, double min, double max) =>
        WithDefault(Parsed(name, description, text => TryNumber(text, min, max, out var value) ? (value, null) : (0d, Refusal(name, InRange(min, max), text)), "number"), defaultValue);

    /// <summary>An optional number from <paramref name="min"/> to <paramref name="max"/>: null when not given.</summary>
    public static Option<double?> OptionalNumber(string name, string description, double min, double max) =>
        Parsed<double?>(name, description, text => TryNumber(text, min, max, out var value) ? (value, null) : (null, Refusal(name, InRange(min, max), text)), "number");

    /// <summary>A finite number above zero (learning rates, budgets, half-lives).</summary>
    public static Option<double> Positive(string name, string description, double defaultValue) =>
        WithDefault(Parsed(name, description, text => TryNumber(text, 0, double.MaxValue, out var value) && value > 0 ? (value, null) : (0d, Refusal(name, "a positive number", text)), "number"), defaultValue);

    /// <summary>Sets the value used when the option is not given (help shows it).</summary>
    public static Option<T> WithDefault<T>(Option<T> option, T defaultValue)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.DefaultValueFactory = _ => defaultValue;
        return option;
    }

    /// <summary>The one wording of a refused value: <c>--name must be what, not 'text'.</c></summary>
    public static string Refusal(string name, string expected, string text) => $"{name} must be {expected}, not '{text}'.";

    private static bool TryInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static bool TryNumber(string text, double min, double max, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value) && value >= min && value <= max;

    private static string WholeNumber(int min, int max) => (min, max) switch
    {
        (int.MinValue, int.MaxValue) => "a whole number",
        (1, int.MaxValue) => "a positive whole number",
        (_, int.MaxValue) => string.Create(CultureInfo.InvariantCulture, $"a whole number of at least {min}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}"),
    };

    private static string InRange(double min, double max) => string.Create(CultureInfo.InvariantCulture, $"a number from {min} to {max}");
}
