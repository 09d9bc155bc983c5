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

        var all = issues.ToList();
        if (all.Count > 0 && Stu3Marker(json) is { } marker)
        {
            return Failed(source, $"this Bundle is FHIR STU3 ({marker}); OligoDecide reads FHIR R4 (4.0.1): convert the Bundle to R4 first");
        }

        // Problems inside one entry leave that entry out (with a warning); any other problem refuses the file.
        var unreadable = new Dictionary<int, string>();
        var errors = new List<Finding>();
        foreach (var issue in all)
        {
            if (resource is Bundle && EntryIndex(issue) is { } index)
            {
                var text = Blank(issue);
                unreadable[index] = unreadable.TryGetValue(index, out var before) ? before + "; " + text : text;
            }
            else
            {
                errors.Add(Issue(issue, source));
            }
        }

        if (errors.Count > 0)
        {
            return new FhirMappingResult(null, errors, [], []);
        }

        if (resource is not Bundle bundle)
        {
            return Failed(source, $"the resource is a {resource?.TypeName ?? "nothing"}, not a Bundle");
        }

        var date = assessedOn ?? (bundle.Timestamp is { } ts ? FhirDates.AssessmentDate(ts) : null);
        if (date is null)
        {
            return Failed(source, "no assessment date: pass assessedOn (on the command line --assessed-on DATE), or give the Bundle a timestamp");
        }

        return BundleMapper.Map(bundle, date.Value, source, unreadable);
    }

    /// <summary>The entry an issue is in, from its instance path (<c>Bundle.entry[5].resource.status</c>).</summary>
    private static int? EntryIndex(CodedException issue)
    {
        var path = issue is FhirJsonException j ? j.InstancePath : null;
        var m = path is null ? EntryInMessage().Match(issue.Message) : EntryPath().Match(path);
        return m is { Success: true } && int.TryParse(m.Groups[1].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null;
    }

    /// <summary>
    /// A sign that the JSON is FHIR STU3 rather than R4: a Condition whose clinicalStatus or verificationStatus
    /// is a plain code (R4: a CodeableConcept), or an STU3-only element. Null when none is seen.
    /// </summary>
    private static string? Stu3Marker(string json)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json, new System.Text.Json.JsonDocumentOptions { MaxDepth = 64 });
            if (!doc.RootElement.TryGetProperty("entry", out var entries) || entries.ValueKind != System.Text.Json.JsonValueKind.Array)
            {
                return null;
            }

            foreach (var e in entries.EnumerateArray())
            {
                if (e.ValueKind != System.Text.Json.JsonValueKind.Object || !e.TryGetProperty("resource", out var r) || r.ValueKind != System.Text.Json.JsonValueKind.Object
                    || !r.TryGetProperty("resourceType", out var type) || type.ValueKind != System.Text.Json.JsonValueKind.String)
                {
                    continue;
                }

                var t = type.GetString();
                foreach (var element in new[] { "clinicalStatus", "verificationStatus" })
                {
                    if (t == "Condition" && r.TryGetProperty(element, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String)
                    {
                        return $"Condition.{element} is a code, as in STU3";
                    }
                }

                if (t == "MedicationStatement" && r.TryGetProperty("taken", out _))
                {
                    return "MedicationStatement.taken exists only in STU3";
                }

                if (t == "Procedure" && r.TryGetProperty("notDone", out _))
                {
                    return "Procedure.notDone exists only in STU3";
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        return null;
    }

    /// <summary>The parser's error code, location and message, with quoted values blanked so no patient data is echoed.</summary>
    private static Finding Issue(CodedException issue, string source)
    {
        var message = Blank(issue);
        var (line, column) = issue is FhirJsonException j ? ((int)(j.LineNumber ?? 0), (int)(j.Position ?? 0)) : (0, 0);
        var path = issue is FhirJsonException k ? k.InstancePath ?? string.Empty : string.Empty;
        return new Finding(Severity.Error, message, source, line, column, path);
    }

    /// <summary>
    /// The parser's code and message with quoted values blanked (they may be patient data), except the name
    /// of a value set, which is not: the integrator needs it to fix the feed.
    /// </summary>
    private static string Blank(CodedException issue) =>
        $"{issue.ErrorCode}: " + QuotedValue().Replace(issue.Message, m => m.Groups["keep"].Success ? m.Value : "'…'");

    private static FhirMappingResult Failed(string source, string message) =>
        new(null, [new Finding(Severity.Error, message, source, 0, 0, string.Empty)], [], []);

    [GeneratedRegex(@"^Bundle\.entry\[(\d+)\]\.resource\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EntryPath();

    [GeneratedRegex(@"\bAt Bundle\.entry\[(\d+)\]\.resource\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EntryInMessage();

    [GeneratedRegex("(?<keep>(?<=valueset )'[A-Za-z0-9_.:/|-]{1,200}')|'[^']*'", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex QuotedValue();
}
