using System.Diagnostics.CodeAnalysis;

namespace Seed.Api.Validation;

/// <summary>
/// Shared checks for ids and free text, so every endpoint words its errors the same way. Each rule is stated once (the
/// private <c>...ProblemOf</c> functions); the <c>IsUsable...</c> forms only ask whether there is a problem, so the event
/// path names the field (a string per field and event) only when there is an error to report.
/// </summary>
public static class FieldRules
{
    private enum IdProblem
    {
        None,
        Missing,
        TooLong,
        NotPrintableOrTrimmed,
    }

    private enum TextProblem
    {
        None,
        Required,
        BlankWhenGiven,
        TooLong,
    }

    /// <summary>Checks a required id; returns true when it is usable.</summary>
    public static bool RequireId(ValidationErrors errors, string field, string? value, int maxLength) =>
        Report(errors, field, value, maxLength, IdProblemOf(value, maxLength));

    /// <summary>Checks an id that is present; ids are opaque but must be printable and bounded.</summary>
    public static bool CheckId(ValidationErrors errors, string field, string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Report(errors, field, value, maxLength, PresentIdProblemOf(value, maxLength));
    }

    /// <summary>Whether <see cref="RequireId"/> would accept <paramref name="value"/>, without reporting anything.</summary>
    public static bool IsUsableId([NotNullWhen(true)] string? value, int maxLength) =>
        IdProblemOf(value, maxLength) == IdProblem.None;

    /// <summary>Whether <see cref="CheckText"/> would accept <paramref name="value"/>, without reporting anything.</summary>
    public static bool IsUsableText(string? value, int maxLength, bool required) =>
        TextProblemOf(value, maxLength, required) == TextProblem.None;

    /// <summary>Checks free text: bounded, and not blank when given (or when <paramref name="required"/>); returns true when it is usable.</summary>
    public static bool CheckText(ValidationErrors errors, string field, string? value, int maxLength, bool required)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var problem = TextProblemOf(value, maxLength, required);
        switch (problem)
        {
            case TextProblem.Required:
                errors.Add(field, $"'{field}' is required and must not be blank.");
                break;
            case TextProblem.BlankWhenGiven:
                errors.Add(field, $"'{field}' must not be blank when given.");
                break;
            case TextProblem.TooLong:
                errors.Add(field, $"'{field}' is {value!.Length} characters long; the limit is {maxLength}.");
                break;
        }

        return problem == TextProblem.None;
    }

    private static IdProblem IdProblemOf(string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? IdProblem.Missing : PresentIdProblemOf(value, maxLength);

    private static IdProblem PresentIdProblemOf(string value, int maxLength) =>
        value.Length > maxLength ? IdProblem.TooLong
        : !IsPrintableAndTrimmed(value) ? IdProblem.NotPrintableOrTrimmed
        : IdProblem.None;

    private static TextProblem TextProblemOf(string? value, int maxLength, bool required) =>
        string.IsNullOrWhiteSpace(value) ? (required ? TextProblem.Required : value is null ? TextProblem.None : TextProblem.BlankWhenGiven)
        : value.Length > maxLength ? TextProblem.TooLong
        : TextProblem.None;

    private static bool Report(ValidationErrors errors, string field, string? value, int maxLength, IdProblem problem)
    {
        ArgumentNullException.ThrowIfNull(errors);
        switch (problem)
        {
            case IdProblem.Missing:
                errors.Add(field, $"'{field}' is required.");
                break;
            case IdProblem.TooLong:
                errors.Add(field, $"'{field}' is {value!.Length} characters long; the limit is {maxLength}.");
                break;
            case IdProblem.NotPrintableOrTrimmed:
                errors.Add(field, $"'{field}' must not contain control characters or leading/trailing white space.");
                break;
        }

        return problem == IdProblem.None;
    }

    /// <summary>No control characters and no leading or trailing white space, checked without allocating (LINQ over the string and <c>Trim</c> did).</summary>
    private static bool IsPrintableAndTrimmed(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return value.AsSpan().Trim().Length == value.Length;
    }
}
