using System.Diagnostics.CodeAnalysis;

namespace Seed.Api.Validation;

/// <summary>Shared checks for ids and free text, so every endpoint words its errors the same way.</summary>
public static class FieldRules
{
    /// <summary>Checks a required id; returns true when it is usable.</summary>
    public static bool RequireId(ValidationErrors errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"'{field}' is required.");
            return false;
        }

        return CheckId(errors, field, value, maxLength);
    }

    /// <summary>Checks an id that is present; ids are opaque but must be printable and bounded.</summary>
    public static bool CheckId(ValidationErrors errors, string field, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            errors.Add(field, $"'{field}' is {value.Length} characters long; the limit is {maxLength}.");
            return false;
        }

        if (!IsPrintableAndTrimmed(value))
        {
            errors.Add(field, $"'{field}' must not contain control characters or leading/trailing white space.");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Whether <see cref="RequireId"/> would accept <paramref name="value"/>, without reporting anything: the event path
    /// asks this first and names the field (a string per field and event) only when there is an error to report.
    /// </summary>
    public static bool IsUsableId([NotNullWhen(true)] string? value, int maxLength) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= maxLength && IsPrintableAndTrimmed(value);

    /// <summary>Whether <see cref="CheckText"/> would accept <paramref name="value"/>, without reporting anything.</summary>
    public static bool IsUsableText(string? value, int maxLength, bool required) =>
        string.IsNullOrWhiteSpace(value) ? !required && value is null : value.Length <= maxLength;

    public static bool CheckText(ValidationErrors errors, string field, string? value, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(field, $"'{field}' is required and must not be blank.");
            }
            else if (value is not null)
            {
                errors.Add(field, $"'{field}' must not be blank when given.");
            }

            return !required && value is null;
        }

        if (value.Length > maxLength)
        {
            errors.Add(field, $"'{field}' is {value.Length} characters long; the limit is {maxLength}.");
            return false;
        }

        return true;
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
