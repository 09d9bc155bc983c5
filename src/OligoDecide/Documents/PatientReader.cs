using OligoDecide.Model;

namespace OligoDecide.Documents;

/// <summary>Maps a YAML/JSON node tree to a <see cref="Patient"/>, strictly: unknown keys and wrong types are errors.</summary>
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
        var document = ctx.Record(root, string.Empty, DocumentFields, new Document(new Patient { AssessedOn = DateOnly.MaxValue }, null), "assessedOn");
        return (document.Patient, document.Expect);
    }

    /// <summary>The root of a case document: the patient and its optional <c>expect:</c> block.</summary>
    private sealed record Document(Patient Patient, CaseExpectation? Expect);

    // One static table of field readers per mapping (key order is the order "Allowed keys" lists them in).
    private static readonly Dictionary<string, FieldReader<PrimaryTumour>> PrimaryFields = new(StringComparer.Ordinal)
    {
        ["histology"] = static (r, n, p, ctx) => r with { Histology = ctx.Enum<Histology>(n, p) },
        ["diagnosedOn"] = static (r, n, p, ctx) => r with { DiagnosedOn = ctx.Date(n, p) },
        ["stage"] = static (r, n, p, ctx) => r with { Stage = ctx.String(n, p) },
        ["stageGroup"] = static (r, n, p, ctx) => r with { StageGroup = ReadStageGroup(n, p, ctx) },
        ["sclcExtent"] = static (r, n, p, ctx) => r with { SclcExtent = ctx.Enum<SclcExtent>(n, p) },
        ["controlled"] = static (r, n, p, ctx) => r with { Controlled = ctx.Bool(n, p) },
    };

    private static readonly Dictionary<string, FieldReader<Biomarkers>> BiomarkerFields = new(StringComparer.Ordinal)
    {
        ["pdl1Tps"] = static (r, n, p, ctx) => r with { Pdl1Tps = ctx.Decimal(n, p) },
        ["egfr"] = static (r, n, p, ctx) => r with { Egfr = ctx.Enum<EgfrStatus>(n, p) },
        ["alk"] = static (r, n, p, ctx) => r with { Alk = ctx.Enum<MarkerStatus>(n, p) },
        ["ros1"] = static (r, n, p, ctx) => r with { Ros1 = ctx.Enum<MarkerStatus>(n, p) },
        ["kras"] = static (r, n, p, ctx) => r with { Kras = ctx.Enum<KrasStatus>(n, p) },
    };

    private static readonly Dictionary<string, FieldReader<MetastaticHistory>> HistoryFields = new(StringComparer.Ordinal)
    {
        ["polymetastatic"] = static (r, n, p, ctx) => r with { Polymetastatic = ctx.Bool(n, p) },
        ["oligometastatic"] = static (r, n, p, ctx) => r with { Oligometastatic = ctx.Bool(n, p) },
    };

    private static readonly Dictionary<string, FieldReader<SystemicTherapy>> TherapyFields = new(StringComparer.Ordinal)
    {
        ["name"] = static (r, n, p, ctx) => r with { Name = ctx.String(n, p) },
        ["kind"] = static (r, n, p, ctx) => r with { Kind = ctx.Enum<TherapyKind>(n, p) },
        ["startedOn"] = static (r, n, p, ctx) => r with { StartedOn = ctx.Date(n, p) },
        ["stoppedOn"] = static (r, n, p, ctx) => r with { StoppedOn = ctx.Date(n, p) },
        ["bestResponse"] = static (r, n, p, ctx) => r with { BestResponse = ctx.Enum<Response>(n, p) },
    };

    private static readonly Dictionary<string, FieldReader<RadiotherapyCourse>> RadiotherapyFields = new(StringComparer.Ordinal)
    {
        ["site"] = static (r, n, p, ctx) => r with { Site = ctx.String(n, p) },
        ["doseGy"] = static (r, n, p, ctx) => r with { DoseGy = ctx.Decimal(n, p) },
        ["fractions"] = static (r, n, p, ctx) => r with { Fractions = ctx.Int(n, p) },
        ["startedOn"] = static (r, n, p, ctx) => r with { StartedOn = ctx.Date(n, p) },
        ["stoppedOn"] = static (r, n, p, ctx) => r with { StoppedOn = ctx.Date(n, p) },
    };

    private static readonly Dictionary<string, FieldReader<Lesion>> LesionFields = new(StringComparer.Ordinal)
    {
        ["organ"] = static (r, n, p, ctx) => r with { Organ = ctx.Enum<Organ>(n, p) },
        ["sizeMm"] = static (r, n, p, ctx) => r with { SizeMm = ctx.Decimal(n, p) },
        ["status"] = static (r, n, p, ctx) => r with { Status = ctx.Enum<LesionStatus>(n, p) },
        ["treatable"] = static (r, n, p, ctx) => r with { Treatable = ctx.Bool(n, p) },
        ["symptomatic"] = static (r, n, p, ctx) => r with { Symptomatic = ctx.Bool(n, p) },
    };

    private static readonly Dictionary<string, FieldReader<Metastases>> MetastasesFields = new(StringComparer.Ordinal)
    {
        ["diagnosedOn"] = static (r, n, p, ctx) => r with { DiagnosedOn = ctx.Date(n, p) },
        ["imaging"] = static (r, n, p, ctx) => r with { Imaging = IsNull(n) ? null : [.. ctx.List(n, p, static (i, ip, c) => c.Enum<ImagingModality>(i, ip)).OfType<ImagingModality>().Distinct()] },
        ["lesions"] = static (r, n, p, ctx) => r with { Lesions = IsNull(n) ? null : ctx.List(n, p, static (i, ip, c) => c.Record(i, ip, LesionFields, new Lesion(), "organ")) },
    };

    private static readonly Dictionary<string, FieldReader<CaseExpectation>> ExpectFields = new(StringComparer.Ordinal)
    {
        ["state"] = static (r, n, p, ctx) => r with { State = ctx.String(n, p) },
        ["options"] = static (r, n, p, ctx) => r with { Options = ctx.List(n, p, static (i, ip, c) => c.String(i, ip)) },
        ["notOptions"] = static (r, n, p, ctx) => r with { NotOptions = ctx.List(n, p, static (i, ip, c) => c.String(i, ip)) },
    };

    // The root table last: static fields are initialised in order, and it refers to the others.
    private static readonly Dictionary<string, FieldReader<Document>> DocumentFields = new(StringComparer.Ordinal)
    {
        ["id"] = static (d, n, p, ctx) => d with { Patient = d.Patient with { Id = ctx.String(n, p) } },
        ["assessedOn"] = static (d, n, p, ctx) => d with { Patient = d.Patient with { AssessedOn = ctx.Date(n, p) ?? DateOnly.MaxValue } },
        ["ageYears"] = static (d, n, p, ctx) => d with { Patient = d.Patient with { AgeYears = ctx.Int(n, p) } },
        ["sex"] = static (d, n, p, ctx) => d with { Patient = d.Patient with { Sex = ctx.Enum<Sex>(n, p) } },
        ["ecog"] = static (d, n, p, ctx) => d with { Patient = d.Patient with { Ecog = ctx.Int(n, p) } },
        ["smoking"] = static (d, n, p, ctx) => d with { Patient = d.Patient with { Smoking = ctx.Enum<Smoking>(n, p) } },
        ["primary"] = static (d, n, p, ctx) => d with { Patient = d.Patient with { Primary = IsNull(n) ? null : ctx.Record(n, p, PrimaryFields, new PrimaryTumour()) } },
        ["biomarkers"] = static (d, n, p, ctx) => d with { Patient = d.Patient with { Biomarkers = IsNull(n) ? null : ctx.Record(n, p, BiomarkerFields, new Biomarkers()) } },
        ["history"] = static (d, n, p, ctx) => d with { Patient = d.Patient with { History = IsNull(n) ? null : ctx.Record(n, p, HistoryFields, new MetastaticHistory()) } },
        ["systemicTherapies"] = static (d, n, p, ctx) => d with { Patient = d.Patient with { SystemicTherapies = IsNull(n) ? null : ctx.List(n, p, static (i, ip, c) => c.Record(i, ip, TherapyFields, new SystemicTherapy())) } },
        ["radiotherapy"] = static (d, n, p, ctx) => d with { Patient = d.Patient with { Radiotherapy = IsNull(n) ? null : ctx.List(n, p, static (i, ip, c) => c.Record(i, ip, RadiotherapyFields, new RadiotherapyCourse())) } },
        ["metastases"] = static (d, n, p, ctx) => d with { Patient = d.Patient with { Metastases = IsNull(n) ? null : ctx.Record(n, p, MetastasesFields, new Metastases()) } },
        ["expect"] = static (d, n, p, ctx) => d with { Expect = IsNull(n) ? null : ctx.Record(n, p, ExpectFields, new CaseExpectation()) },
    };

    private static bool IsNull(YamlNode n) => n is YamlScalar { IsNull: true };

    internal static readonly string[] StageGroups = ["0", "I", "IA", "IA1", "IA2", "IA3", "IB", "II", "IIA", "IIB", "III", "IIIA", "IIIB", "IIIC", "IV", "IVA", "IVB"];

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
