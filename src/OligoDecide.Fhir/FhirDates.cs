using System.Globalization;

namespace OligoDecide.Fhir;

/// <summary>Reads the calendar date of a FHIR date or dateTime literal without reading any clock.</summary>
internal static class FhirDates
{
    /// <summary>
    /// The calendar date of <paramref name="literal"/>. A date (<c>2025-11-05</c>) is that date. A dateTime
    /// with a time carries an offset (FHIR requires it) and is an instant: its date is the earlier of the
    /// date as written and the date in UTC, so an instant in the past never reads as a date after an
    /// assessment date taken in UTC or in the sender's zone (<c>2026-11-30T06:00:00+13:00</c> gives
    /// 2026-11-29; <c>2025-11-20T23:30:00-05:00</c> gives 2025-11-20). A partial date (<c>2025-11</c>,
    /// <c>2025</c>) gives null and <paramref name="partial"/> true: choosing a day would be a guess.
    /// </summary>
    public static DateOnly? Read(string? literal, out bool partial)
    {
        partial = false;
        if (string.IsNullOrEmpty(literal))
        {
            return null;
        }

        if (literal.Length < 10 || !DateOnly.TryParseExact(literal[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            partial = true;
            return null;
        }

        if (literal.Length > 10 && DateTimeOffset.TryParse(literal, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && HasOffset(literal))
        {
            var utc = DateOnly.FromDateTime(instant.UtcDateTime);
            return utc < date ? utc : date;
        }

        return date;
    }

    /// <summary>
    /// The assessment date from <c>Bundle.timestamp</c>: the later of its date as written and its date in
    /// UTC, so that neither a date-only value written that day in the sender's zone nor an instant of that
    /// moment counts as the future.
    /// </summary>
    public static DateOnly AssessmentDate(DateTimeOffset timestamp)
    {
        var local = DateOnly.FromDateTime(timestamp.DateTime);
        var utc = DateOnly.FromDateTime(timestamp.UtcDateTime);
        return utc > local ? utc : local;
    }

    private static bool HasOffset(string literal) =>
        literal.EndsWith('Z') || (literal.Length > 6 && literal[^6] is '+' or '-' && literal[^3] == ':');
}
