using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using OligoDecide.Model;

namespace OligoDecide.Documents;

/// <summary>
/// The patient document format, defined once as tables of fields (<see cref="FieldTable{T}"/>), and its two
/// readings: strictly from a YAML/JSON node tree (unknown keys and wrong types are errors with positions), and
/// directly from UTF-8 JSON for screening, which gives up (returns false) on anything the strict reading would
/// report or read differently, so the caller reads that document again strictly.
/// </summary>
internal static class PatientReader
{
    /// <summary>
    /// Reads the document into a candidate patient. The candidate is returned even when
    /// <paramref name="ctx"/> has errors (values that failed to read are left unknown), so that
    /// validation can report its problems in the same pass; the caller must discard it when there
    /// are errors. Without a readable <c>assessedOn</c> the candidate's is <see cref="DateOnly.MaxValue"/>,
    /// which no date is after, so no "after the assessment date" error is made up.
    /// </summary>
    public static (Patient Candidate, CaseExpectation? Expect) Read(YamlNode root, NodeContext ctx)
    {
        var document = DocumentFields.Read(root, string.Empty, ctx);
        return (document.Patient, document.Expect);
    }

    /// <summary>
    /// Reads one JSON document (the reader is before its first token) with the same fields, vocabulary and
    /// limits as <see cref="Read"/>, without a node tree. False on any doubt: malformed JSON, a duplicate,
    /// unknown or escaped key, a value of another type, a missing required key, a limit reached. Not validated.
    /// </summary>
    /// <exception cref="JsonException">The text is not valid JSON.</exception>
    /// <exception cref="InvalidOperationException">A string is not valid UTF-16 once unescaped (a lone surrogate).</exception>
    public static bool TryRead(ref Utf8JsonReader json, DocumentLimits limits, [NotNullWhen(true)] out Patient? candidate, out CaseExpectation? expect)
    {
        var budget = new JsonBudget(limits);
        (candidate, expect) = (null, null);
        if (!json.Read() || !budget.Take(0) || !DocumentFields.TryRead(ref json, budget, 0, out var document) || json.Read())
        {
            return false;
        }

        (candidate, expect) = (document.Patient, document.Expect);
        return true;
    }

    /// <summary>The root of a case document: the patient and its optional <c>expect:</c> block.</summary>
    private sealed record Document(Patient Patient, CaseExpectation? Expect);

    /// <summary>The stage groups <c>primary.stageGroup</c> accepts (first: static fields are initialised in order).</summary>
    internal static readonly string[] StageGroups = ["0", "I", "IA", "IA1", "IA2", "IA3", "IB", "II", "IIA", "IIB", "III", "IIIA", "IIIB", "IIIC", "IV", "IVA", "IVB"];

    // One static table of fields per mapping (key order is the order "Allowed keys" lists them in).
    private static readonly FieldTable<PrimaryTumour> PrimaryFields = new(static () => new PrimaryTumour(),
    [
        Field.Of<PrimaryTumour, Histology?>("histology", Values.Enum<Histology>(), static (r, v) => r with { Histology = v }),
        Field.Of<PrimaryTumour, DateOnly?>("diagnosedOn", Values.Date, static (r, v) => r with { DiagnosedOn = v }),
        Field.Of<PrimaryTumour, string?>("stage", Values.Text, static (r, v) => r with { Stage = v }),
        Field.Of<PrimaryTumour, string?>("stageGroup", Values.OneOf(StageGroups, ReadStageGroup), static (r, v) => r with { StageGroup = v }),
        Field.Of<PrimaryTumour, SclcExtent?>("sclcExtent", Values.Enum<SclcExtent>(), static (r, v) => r with { SclcExtent = v }),
        Field.Of<PrimaryTumour, bool?>("controlled", Values.Flag, static (r, v) => r with { Controlled = v }),
        Field.Of<PrimaryTumour, LesionStatus?>("status", Values.Enum<LesionStatus>(), static (r, v) => r with { Status = v }),
    ]);

    private static readonly FieldTable<Biomarkers> BiomarkerFields = new(static () => new Biomarkers(),
    [
        Field.Of<Biomarkers, decimal?>("pdl1Tps", Values.Number, static (r, v) => r with { Pdl1Tps = v }),
        Field.Of<Biomarkers, EgfrStatus?>("egfr", Values.Enum<EgfrStatus>(), static (r, v) => r with { Egfr = v }),
        Field.Of<Biomarkers, MarkerStatus?>("alk", Values.Enum<MarkerStatus>(), static (r, v) => r with { Alk = v }),
        Field.Of<Biomarkers, MarkerStatus?>("ros1", Values.Enum<MarkerStatus>(), static (r, v) => r with { Ros1 = v }),
        Field.Of<Biomarkers, KrasStatus?>("kras", Values.Enum<KrasStatus>(), static (r, v) => r with { Kras = v }),
        Field.Of<Biomarkers, bool?>("egfrAmplification", Values.Flag, static (r, v) => r with { EgfrAmplification = v }),
        Field.Of<Biomarkers, bool?>("pdl1Positive", Values.Flag, static (r, v) => r with { Pdl1Positive = v }),
    ]);

    private static readonly FieldTable<MetastaticHistory> HistoryFields = new(static () => new MetastaticHistory(),
    [
        Field.Of<MetastaticHistory, bool?>("polymetastatic", Values.Flag, static (r, v) => r with { Polymetastatic = v }),
        Field.Of<MetastaticHistory, bool?>("oligometastatic", Values.Flag, static (r, v) => r with { Oligometastatic = v }),
    ]);

    private static readonly FieldTable<SystemicTherapy> TherapyFields = new(static () => new SystemicTherapy(),
    [
        Field.Of<SystemicTherapy, string?>("name", Values.Text, static (r, v) => r with { Name = v }),
        Field.Of<SystemicTherapy, TherapyKind?>("kind", Values.Enum<TherapyKind>(), static (r, v) => r with { Kind = v }),
        Field.Of<SystemicTherapy, DateOnly?>("startedOn", Values.Date, static (r, v) => r with { StartedOn = v }),
        Field.Of<SystemicTherapy, DateOnly?>("stoppedOn", Values.Date, static (r, v) => r with { StoppedOn = v }),
        Field.Of<SystemicTherapy, bool?>("ongoing", Values.Flag, static (r, v) => r with { Ongoing = v }),
        Field.Of<SystemicTherapy, Response?>("bestResponse", Values.Enum<Response>(), static (r, v) => r with { BestResponse = v }),
        Field.Of<SystemicTherapy, TherapySetting?>("setting", Values.Enum<TherapySetting>(), static (r, v) => r with { Setting = v }),
        Field.Of<SystemicTherapy, List<DrugClass?>?>("drugClasses", Values.EnumList<DrugClass>(), static (r, v) => r with { DrugClasses = v is null ? null : [.. v.OfType<DrugClass>().Distinct()] }),
        Field.Of<SystemicTherapy, int?>("cycles", Values.WholeNumber, static (r, v) => r with { Cycles = v }),
        Field.Of<SystemicTherapy, DateOnly?>("progressedOn", Values.Date, static (r, v) => r with { ProgressedOn = v }),
    ]);

    private static readonly FieldTable<RadiotherapyCourse> RadiotherapyFields = new(static () => new RadiotherapyCourse(),
    [
        Field.Of<RadiotherapyCourse, string?>("site", Values.Text, static (r, v) => r with { Site = v }),
        Field.Of<RadiotherapyCourse, decimal?>("doseGy", Values.Number, static (r, v) => r with { DoseGy = v }),
        Field.Of<RadiotherapyCourse, int?>("fractions", Values.WholeNumber, static (r, v) => r with { Fractions = v }),
        Field.Of<RadiotherapyCourse, DateOnly?>("startedOn", Values.Date, static (r, v) => r with { StartedOn = v }),
        Field.Of<RadiotherapyCourse, DateOnly?>("stoppedOn", Values.Date, static (r, v) => r with { StoppedOn = v }),
    ]);

    private static readonly FieldTable<Lesion> LesionFields = new(static () => new Lesion(),
    [
        Field.Of<Lesion, Organ?>("organ", Values.Enum<Organ>(), static (r, v) => r with { Organ = v }),
        Field.Of<Lesion, decimal?>("sizeMm", Values.Number, static (r, v) => r with { SizeMm = v }),
        Field.Of<Lesion, LesionStatus?>("status", Values.Enum<LesionStatus>(), static (r, v) => r with { Status = v }),
        Field.Of<Lesion, bool?>("treatable", Values.Flag, static (r, v) => r with { Treatable = v }),
        Field.Of<Lesion, bool?>("symptomatic", Values.Flag, static (r, v) => r with { Symptomatic = v }),
        Field.Of<Lesion, bool?>("diffuse", Values.Flag, static (r, v) => r with { Diffuse = v }),
        Field.Of<Lesion, LungLocation?>("location", Values.Enum<LungLocation>(), static (r, v) => r with { Location = v }),
        Field.Of<Lesion, BoneSite?>("boneSite", Values.Enum<BoneSite>(), static (r, v) => r with { BoneSite = v }),
        Field.Of<Lesion, DateOnly?>("detectedOn", Values.Date, static (r, v) => r with { DetectedOn = v }),
    ], "organ");

    private static readonly FieldTable<Metastases> MetastasesFields = new(static () => new Metastases(),
    [
        Field.Of<Metastases, DateOnly?>("diagnosedOn", Values.Date, static (r, v) => r with { DiagnosedOn = v }),
        Field.Of<Metastases, List<ImagingModality?>?>("imaging", Values.EnumList<ImagingModality>(), static (r, v) => r with { Imaging = v is null ? null : [.. v.OfType<ImagingModality>().Distinct()] }),
        Field.Of<Metastases, List<Lesion>?>("lesions", new LesionListValue(Values.List(Values.Item(LesionFields))), static (r, v) => r with { Lesions = v }),
    ]);

    private static readonly FieldTable<CaseExpectation> ExpectFields = new(static () => new CaseExpectation(),
    [
        Field.Of<CaseExpectation, string?>("state", Values.Text, static (r, v) => r with { State = v }),
        Field.Of<CaseExpectation, List<string>?>("options", Values.List(Values.Text, nullIsEmpty: true), static (r, v) => r with { Options = v ?? [] }),
        Field.Of<CaseExpectation, List<string>?>("notOptions", Values.List(Values.Text, nullIsEmpty: true), static (r, v) => r with { NotOptions = v ?? [] }),
        Field.Of<CaseExpectation, List<string>?>("schedules", Values.List(Values.Text, nullIsEmpty: true), static (r, v) => r with { Schedules = v ?? [] }),
        Field.Of<CaseExpectation, List<string>?>("notSchedules", Values.List(Values.Text, nullIsEmpty: true), static (r, v) => r with { NotSchedules = v ?? [] }),
        Field.Of<CaseExpectation, List<string>?>("noSchedule", Values.List(Values.Text, nullIsEmpty: true), static (r, v) => r with { NoSchedule = v ?? [] }),
    ]);

    // The root table last: static fields are initialised in order, and it refers to the others.
    private static readonly FieldTable<Document> DocumentFields = new(static () => new Document(new Patient { AssessedOn = DateOnly.MaxValue }, null),
    [
        Field.Of<Document, string?>("id", Values.Text, static (d, v) => d with { Patient = d.Patient with { Id = v } }),
        Field.Of<Document, DateOnly?>("assessedOn", Values.Date, static (d, v) => d with { Patient = d.Patient with { AssessedOn = v ?? DateOnly.MaxValue } }),
        Field.Of<Document, int?>("ageYears", Values.WholeNumber, static (d, v) => d with { Patient = d.Patient with { AgeYears = v } }),
        Field.Of<Document, Sex?>("sex", Values.Enum<Sex>(), static (d, v) => d with { Patient = d.Patient with { Sex = v } }),
        Field.Of<Document, int?>("ecog", Values.WholeNumber, static (d, v) => d with { Patient = d.Patient with { Ecog = v } }),
        Field.Of<Document, Smoking?>("smoking", Values.Enum<Smoking>(), static (d, v) => d with { Patient = d.Patient with { Smoking = v } }),
        Field.Of<Document, PrimaryTumour?>("primary", Values.Record(PrimaryFields), static (d, v) => d with { Patient = d.Patient with { Primary = v } }),
        Field.Of<Document, Biomarkers?>("biomarkers", Values.Record(BiomarkerFields), static (d, v) => d with { Patient = d.Patient with { Biomarkers = v } }),
        Field.Of<Document, MetastaticHistory?>("history", Values.Record(HistoryFields), static (d, v) => d with { Patient = d.Patient with { History = v } }),
        Field.Of<Document, List<SystemicTherapy>?>("systemicTherapies", Values.List(Values.Item(TherapyFields)), static (d, v) => d with { Patient = d.Patient with { SystemicTherapies = v } }),
        Field.Of<Document, List<RadiotherapyCourse>?>("radiotherapy", Values.List(Values.Item(RadiotherapyFields)), static (d, v) => d with { Patient = d.Patient with { Radiotherapy = v } }),
        Field.Of<Document, Metastases?>("metastases", Values.Record(MetastasesFields), static (d, v) => d with { Patient = d.Patient with { Metastases = v } }),
        Field.Of<Document, TreatmentIntent?>("treatmentIntent", Values.Enum<TreatmentIntent>(), static (d, v) => d with { Patient = d.Patient with { TreatmentIntent = v } }),
        Field.Of<Document, PatientPreference?>("preference", Values.Enum<PatientPreference>(), static (d, v) => d with { Patient = d.Patient with { Preference = v } }),
        Field.Of<Document, CaseExpectation?>("expect", Values.Record(ExpectFields), static (d, v) => d with { Expect = v }),
    ], "assessedOn");

    /// <summary>
    /// The lesion list, with the same lesion listed twice caught: a YAML alias repeating a lesion node is an error
    /// (by YAML's data model it is the same lesion), an entry identical to an earlier one is a warning. Either
    /// would otherwise count one lesion twice and can cross the oligometastatic limit.
    /// </summary>
    private sealed class LesionListValue(Value<List<Lesion>?> list) : Value<List<Lesion>?>
    {
        public override List<Lesion>? Read(YamlNode node, string path, NodeContext ctx)
        {
            var lesions = list.Read(node, path, ctx);
            if (node is not YamlSequence seq)
            {
                return lesions;
            }

            for (var i = 1; i < seq.Items.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (ReferenceEquals(seq.Items[i], seq.Items[j]))
                    {
                        ctx.Error(seq.Items[i], $"{path}[{i}]", $"an alias of {LastSegment(path)}[{j}]: the same lesion is listed twice; list each lesion once");
                        break;
                    }

                    if (seq.Items[i] is YamlMapping a && seq.Items[j] is YamlMapping b && SameContent(a, b))
                    {
                        ctx.Warning(seq.Items[i], $"{path}[{i}]", $"identical to {LastSegment(path)}[{j}] ({Describe(a)}); if this is the same lesion, list it once");
                        break;
                    }
                }
            }

            return lesions;
        }

        // The JSON reading has no positions for the warning: it gives up on identical lesions, and the strict
        // reading reports them. (JSON has no aliases.)
        public override bool TryRead(ref Utf8JsonReader json, JsonBudget budget, int depth, out List<Lesion>? value)
        {
            if (!list.TryRead(ref json, budget, depth, out value))
            {
                return false;
            }

            for (var i = 1; i < (value?.Count ?? 0); i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (value![i] == value[j])
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static string LastSegment(string path) => path[(path.LastIndexOf('.') + 1)..];

        private static bool SameContent(YamlMapping a, YamlMapping b) =>
            a.Entries.Count == b.Entries.Count
            && a.Entries.TrueForAll(e => b.Entries.Exists(f => f.Key.Value == e.Key.Value
                && e.Value is YamlScalar x && f.Value is YamlScalar y && x.Value == y.Value && x.Quoted == y.Quoted));

        private static string Describe(YamlMapping m) =>
            string.Join(", ", m.Entries.Select(e => YamlReader.Truncate(e.Key.Value) + " " + (e.Value is YamlScalar v ? YamlReader.Truncate(v.Value) : e.Value.Describe())));
    }

    private static string? ReadStageGroup(YamlNode node, string path, NodeContext ctx)
    {
        var s = ctx.String(node, path);
        if (s is null || StageGroups.Contains(s))
        {
            return s;
        }

        var hint = NodeContext.Suggest(s, StageGroups);
        ctx.Error(node, path, $"unknown stage group '{YamlReader.Truncate(s)}'" + (hint is null ? "." : $"; did you mean '{hint}'?") + $" Allowed: {string.Join(", ", StageGroups)}", FindingCodes.UnknownValue);
        return null;
    }
}
