using System.Runtime.CompilerServices;
using System.Text.Json;
using OligoDecide.Classification;
using OligoDecide.Model;
using OligoDecide.Validation;

namespace OligoDecide.Documents;

/// <summary>
/// Reads patient case documents (YAML or JSON, camelCase keys) into a validated <see cref="Patient"/>.
/// Every problem is reported at once with its data path and line:column; an invalid document
/// never yields a partial patient.
/// </summary>
public static class PatientDocument
{
    private static readonly PatientValidator Validator = new();

    /// <summary>Reads and validates a case file.</summary>
    /// <param name="path">A .yaml, .yml or .json file.</param>
    /// <param name="limits">Size and structure limits; <see cref="DocumentLimits.Default"/> when null.</param>
    public static PatientLoadResult Load(string path, DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= DocumentLimits.Default;
        var source = System.IO.Path.GetFileName(path);
        var text = TextFile.Read(path, limits.MaxBytes, out var error);
        return text is null ? Failed(source, error!) : Parse(text, source, limits);
    }

    /// <summary>Reads and validates a case from text.</summary>
    /// <param name="text">The YAML or JSON document.</param>
    /// <param name="source">A name for the source, used in findings (e.g. the file name).</param>
    /// <param name="limits">Size and structure limits; <see cref="DocumentLimits.Default"/> when null.</param>
    public static PatientLoadResult Parse(string text, string source = "<input>", DocumentLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);

        // Most documents are valid: read them without recording where every path was written (a
        // dictionary entry per value). Only an invalid one is read again with positions, so that each
        // validation error (or warning) points at its line and column.
        var result = Parse(text, source, limits ?? DocumentLimits.Default, trackPositions: false);
        return result.IsValid && result.Findings.Count == 0 ? result : Parse(text, source, limits ?? DocumentLimits.Default, trackPositions: true);
    }

    /// <summary>
    /// The screening fast path: reads one UTF-8 JSON document straight into the patient (no text, no node
    /// tree) with the same fields, vocabulary, limits and validation as <see cref="Parse(string, string, DocumentLimits?)"/>.
    /// Returns the same valid result that <c>Parse</c> would, or null whenever there is anything to report or any
    /// doubt (not plain JSON, a byte order mark, a duplicate or unknown key, a wrong type, a limit, a lone
    /// surrogate, a validation failure): the caller then reads the text with <c>Parse</c>, which reports it.
    /// </summary>
    internal static PatientLoadResult? TryReadJson(ReadOnlySpan<byte> utf8, DocumentLimits? limits = null)
    {
        limits ??= DocumentLimits.Default;
        if (utf8.Length > limits.MaxBytes || utf8.StartsWith("\uFEFF"u8))
        {
            return null;
        }

        try
        {
            var json = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = Math.Max(64, limits.MaxDepth + 2) });
            if (!PatientReader.TryRead(ref json, limits, out var patient, out var expect)
                || (expect?.State is { } state && !StateIds.TryParse(state, out _))
                || !Validator.Validate(patient).IsValid
                || UnknownStatusTherapies(patient).Any()
                || DetectedBeforeDiagnosis(patient).Any())
            {
                return null;
            }

            MarkValidated(patient);
            return new PatientLoadResult(patient, expect, []);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // A string with a lone surrogate (e.g. "\\ud800") cannot be unescaped; the strict reader decides.
            return null;
        }
    }

    private static PatientLoadResult Parse(string text, string source, DocumentLimits limits, bool trackPositions)
    {
        var ctx = new NodeContext(source, trackPositions);
        var root = YamlReader.Read(text, source, limits, ctx.Findings);
        if (root is null)
        {
            return new PatientLoadResult(null, null, ctx.Findings);
        }

        // Validation runs even when reading found errors, so every problem is reported at once;
        // a path that already has a reading error (e.g. a missing required key) is not reported twice.
        var (patient, expect) = PatientReader.Read(root, ctx);
        var reported = ctx.Findings.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);

        if (expect?.State is { } state && !StateIds.TryParse(state, out _))
        {
            var pos = ctx.Positions.GetValueOrDefault("expect.state");
            ctx.Findings.Add(new(Severity.Error, $"unknown state '{YamlReader.Truncate(state)}'. Allowed: {string.Join(", ", StateIds.All)}", source, pos.Line, pos.Column, "expect.state") { Code = FindingCodes.UnknownValue });
        }

        foreach (var failure in Validator.Validate(patient).Errors)
        {
            var path = ToDataPath(failure.PropertyName);
            if (reported.Contains(path))
            {
                continue;
            }

            var (line, col) = Locate(ctx.Positions, path);
            ctx.Findings.Add(new(Severity.Error, failure.ErrorMessage, source, line, col, path) { Code = failure.ErrorCode });
        }

        // A therapy with neither a stop date nor `ongoing` is of unknown status: say so, once per therapy.
        foreach (var i in UnknownStatusTherapies(patient))
        {
            var path = $"systemicTherapies[{i}]";
            var (line, col) = Locate(ctx.Positions, path);
            ctx.Findings.Add(new(Severity.Warning, "neither stoppedOn nor ongoing is recorded: whether this therapy is still given is unknown (state `ongoing: true`, or `ongoing: false` when it stopped on an unknown date)", source, line, col, path));
        }

        // A lesion detected before the primary's diagnosis: possible (a metastasis as the first presentation), so a warning.
        foreach (var i in DetectedBeforeDiagnosis(patient))
        {
            var path = $"metastases.lesions[{i}].detectedOn";
            var (line, col) = Locate(ctx.Positions, path);
            var detected = patient.Metastases!.Lesions![i].DetectedOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var diagnosed = patient.Primary!.DiagnosedOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            ctx.Findings.Add(new(Severity.Warning, $"the lesion was detected on {detected}, before the primary was diagnosed on {diagnosed}: right when a metastasis was the first presentation, otherwise check the dates", source, line, col, path) { Code = FindingCodes.DetectedBeforeDiagnosis });
        }

        // Reading and validation each find in document order; merge them (a stable sort).
        IReadOnlyList<Finding> findings = [.. ctx.Findings.OrderBy(f => f.Line).ThenBy(f => f.Column)];
        if (ctx.HasErrors)
        {
            return new PatientLoadResult(null, null, findings);
        }

        MarkValidated(patient);
        return new PatientLoadResult(patient, expect, findings);
    }

    /// <summary>Indexes of therapies with neither a stop date nor <c>ongoing</c>: their status is unknown (a warning; the fast path leaves them to <c>Parse</c>).</summary>
    private static IEnumerable<int> UnknownStatusTherapies(Patient patient) =>
        Enumerable.Range(0, patient.SystemicTherapies?.Count ?? 0).Where(i => patient.SystemicTherapies![i] is { StoppedOn: null, Ongoing: null });

    /// <summary>Indexes of lesions detected before the primary's recorded diagnosis (a warning; the fast path leaves them to <c>Parse</c>).</summary>
    private static IEnumerable<int> DetectedBeforeDiagnosis(Patient patient) =>
        patient.Primary?.DiagnosedOn is not { } diagnosed
            ? []
            : Enumerable.Range(0, patient.Metastases?.Lesions?.Count ?? 0).Where(i => patient.Metastases!.Lesions![i].DetectedOn < diagnosed);

    /// <summary>
    /// Where each data path of a case file was written (line, column), for checks made after loading
    /// (e.g. option codes in <c>expect</c> against a rule set). Reads the file again: only used on the error path.
    /// </summary>
    internal static IReadOnlyDictionary<string, (int Line, int Column)> Positions(string path, DocumentLimits? limits = null)
    {
        limits ??= DocumentLimits.Default;
        var text = TextFile.Read(path, limits.MaxBytes, out _);
        if (text is null)
        {
            return new Dictionary<string, (int, int)>();
        }

        var ctx = new NodeContext(System.IO.Path.GetFileName(path), trackPositions: true);
        if (YamlReader.Read(text, ctx.Source, limits, ctx.Findings) is { } root)
        {
            PatientReader.Read(root, ctx);
        }

        return ctx.Positions;
    }

    /// <summary>Validates a patient built in code (not read from a document); findings carry paths but no positions.</summary>
    public static IReadOnlyList<Finding> Validate(Patient patient, string source = "<patient>")
    {
        ArgumentNullException.ThrowIfNull(patient);
        IReadOnlyList<Finding> findings = [.. Validator.Validate(patient).Errors.Select(f => new Finding(Severity.Error, f.ErrorMessage, source, 0, 0, ToDataPath(f.PropertyName)) { Code = f.ErrorCode })];
        if (findings.Count == 0)
        {
            MarkValidated(patient);
        }

        return findings;
    }

    /// <summary>
    /// Patient instances that passed validation (read from a document, or validated once in code). The engine
    /// validates every patient it is given; for these it skips the second run of the same checks, which cost more
    /// than the evaluation itself. Records are immutable: a changed copy (<c>with</c>) is a new instance and is
    /// validated again. Weak keys, so a patient is not kept alive by this table.
    /// </summary>
    private static readonly ConditionalWeakTable<Patient, object> ValidatedPatients = new();

    private static readonly object Validated = new();

    private static void MarkValidated(Patient patient) => ValidatedPatients.AddOrUpdate(patient, Validated);

    /// <summary>True when this very instance already passed validation.</summary>
    internal static bool IsValidated(Patient patient) => ValidatedPatients.TryGetValue(patient, out _);

    /// <summary><c>Metastases.Lesions[2].SizeMm</c> → <c>metastases.lesions[2].sizeMm</c>.</summary>
    internal static string ToDataPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));

    private static (int Line, int Column) Locate(Dictionary<string, (int Line, int Column)> positions, string path)
    {
        for (var p = path; p.Length > 0; p = p[..Math.Max(0, p.LastIndexOfAny(['.', '[']))])
        {
            if (positions.TryGetValue(p, out var pos))
            {
                return pos;
            }
        }

        return positions.GetValueOrDefault(string.Empty);
    }

    private static PatientLoadResult Failed(string source, string message) =>
        new(null, null, [new Finding(Severity.Error, message, source, 0, 0, string.Empty) { Code = FindingCodes.FileUnreadable }]);
}

/// <summary>The outcome of reading a case document.</summary>
/// <param name="Patient">The validated patient, or null when the document has errors.</param>
/// <param name="Expectation">The case's <c>expect:</c> block, if any.</param>
/// <param name="Findings">Every error and warning, in document order.</param>
public sealed record PatientLoadResult(Patient? Patient, CaseExpectation? Expectation, IReadOnlyList<Finding> Findings)
{
    /// <summary>True when a patient was read without errors; then <see cref="Patient"/> is not null.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Patient))]
    public bool IsValid => Patient is not null;

    /// <summary>The patient, or an <see cref="InvalidDocumentException"/> listing every finding.</summary>
    public Patient GetPatientOrThrow() => Patient ?? throw new InvalidDocumentException(Findings);
}
