using System.CommandLine;

namespace Seed.Tools;

/// <summary>
/// An option whose value is one of <typeparamref name="TEnum"/>'s members, written in lower case on the command line,
/// in help and in its default (<c>--mode &lt;synthetic|replay&gt; [default: synthetic]</c>); any case is accepted.
/// The option holds the name so that help shows it as typed; <see cref="GetValue"/> gives the member.
/// </summary>
internal sealed class ChoiceOption<TEnum> : Option<string>
    where TEnum : struct, Enum
{
    public ChoiceOption(string name, string description, TEnum defaultValue)
        : base(name)
    {
        var names = Enum.GetValues<TEnum>().Select(NameOf).ToArray();
        Description = description;
        HelpName = string.Join('|', names);
        DefaultValueFactory = _ => NameOf(defaultValue);
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (names.FirstOrDefault(candidate => string.Equals(candidate, text, StringComparison.OrdinalIgnoreCase)) is { } known)
            {
                return known;
            }

            result.AddError(TypedOptions.Refusal(name, "one of " + string.Join(", ", names), text));
            return null;
        };
    }

    /// <summary>The member's name as the command line and the reports write it.</summary>
    public static string NameOf(TEnum value) => value.ToString().ToLowerInvariant();

    /// <summary>The member given (or the default) in <paramref name="result"/>.</summary>
    public TEnum GetValue(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Enum.Parse<TEnum>(result.GetValue(this)!, ignoreCase: true);
    }
}
