using System.Globalization;

namespace OligoDecide.Fhir;

/// <summary>Reads the calendar date of a FHIR date or dateTime literal without any clock or time-zone shift.</summary>
internal static class FhirDates
{
    /// <summary>
    /// The date part of <paramref name="literal"/>: <c>2025-11-05</c> or <c>2025-11-05T10:00:00+01:00</c> give
    /// 2025-11-05. A partial date (<c>2025-11</c>, <c>2025</c>) gives null and <paramref name="partial"/> true:
    /// choosing a day would be a guess.
    /// </summary>
    public static DateOnly? Read(string? literal, out bool partial)
    {
        partial = false;
        if (string.IsNullOrEmpty(literal))
        {
            return null;
        }

        if (literal.Length >= 10 && DateOnly.TryParseExact(literal[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        partial = true;
        return null;
    }
}
