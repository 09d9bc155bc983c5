using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace OligoDecide.Fhir;

/// <summary>
/// Reads a FHIR R4 Bundle from JSON and maps it with <see cref="FhirPatientMapper"/>. Expected problems
/// (missing file, malformed JSON, a resource that is not a Bundle, no assessment date) come back as error
/// findings, never as exceptions, and never echo patient data.
/// </summary>
public static partial class FhirBundleDocument
{
    /// <summary>The largest file read, in bytes (16 MiB).</summary>
    public const long MaxBytes = 16 * 1024 * 1024;

    /// <summary>Reads and maps a Bundle file.</summary>
    /// <param name="path">A FHIR JSON file holding one Bundle.</param>
    /// <param name="assessedOn">The assessment date; when null, the date of <c>Bundle.timestamp</c>.</param>
    public static FhirMappingResult Load(string path, DateOnly? assessedOn = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var source = Path.GetFileName(path);
        var text = OligoDecide.Documents.TextFile.Read(path, MaxBytes, out var error);
        return text is null ? Failed(source, error!) : Parse(text, source, assessedOn);
    }

    /// <summary>Reads and maps a Bundle from JSON text.</summary>
    /// <param name="json">The FHIR JSON of one Bundle.</param>
    /// <param name="source">A name for the source, used in findings (e.g. the file name).</param>
    /// <param name="assessedOn">The assessment date; when null, the date of <c>Bundle.timestamp</c>.</param>
    public static FhirMappingResult Parse(string json, string source, DateOnly? assessedOn = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        var deserializer = new FhirJsonDeserializer();
        Resource? resource;
        IEnumerable<CodedException> issues;
        try
        {
            deserializer.TryDeserializeResource(json, out resource, out issues);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return Failed(source, "the text is not FHIR JSON: " + ex.GetType().Name);
        }

        var errors = issues.Select(i => Issue(i, source)).ToList();
        if (errors.Count > 0)
        {
            return new FhirMappingResult(null, errors, [], []);
        }

        if (resource is not Bundle bundle)
        {
            return Failed(source, $"the resource is a {resource?.TypeName ?? "nothing"}, not a Bundle");
        }

        var date = assessedOn ?? (bundle.Timestamp is { } ts ? DateOnly.FromDateTime(ts.Date) : null);
        if (date is null)
        {
            return Failed(source, "no assessment date: pass assessedOn, or give the Bundle a timestamp");
        }

        return FhirPatientMapper.Map(bundle, date.Value, source);
    }

    /// <summary>The parser's error code, location and message, with quoted values blanked so no patient data is echoed.</summary>
    private static Finding Issue(CodedException issue, string source)
    {
        var message = QuotedValue().Replace(issue.Message, "'…'");
        var (line, column) = issue is FhirJsonException j ? ((int)(j.LineNumber ?? 0), (int)(j.Position ?? 0)) : (0, 0);
        var path = issue is FhirJsonException k ? k.InstancePath ?? string.Empty : string.Empty;
        return new Finding(Severity.Error, $"{issue.ErrorCode}: {message}", source, line, column, path);
    }

    private static FhirMappingResult Failed(string source, string message) =>
        new(null, [new Finding(Severity.Error, message, source, 0, 0, string.Empty)], [], []);

    [GeneratedRegex("'[^']*'", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex QuotedValue();
}
