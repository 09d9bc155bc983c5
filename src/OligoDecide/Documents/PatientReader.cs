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
        DateOnly? assessedOn = null;
        string? id = null;
        int? age = null, ecog = null;
        Sex? sex = null;
        Smoking? smoking = null;
        PrimaryTumour? primary = null;
        Biomarkers? biomarkers = null;
        MetastaticHistory? history = null;
        List<SystemicTherapy>? therapies = null;
        List<RadiotherapyCourse>? radiotherapy = null;
        Metastases? metastases = null;
        CaseExpectation? expect = null;

        ctx.Mapping(root, string.Empty, new Dictionary<string, Action<YamlNode, string>>
        {
            ["id"] = (n, p) => id = ctx.String(n, p),
            ["assessedOn"] = (n, p) => assessedOn = ctx.Date(n, p),
            ["ageYears"] = (n, p) => age = ctx.Int(n, p),
            ["sex"] = (n, p) => sex = ctx.Enum<Sex>(n, p),
            ["ecog"] = (n, p) => ecog = ctx.Int(n, p),
            ["smoking"] = (n, p) => smoking = ctx.Enum<Smoking>(n, p),
            ["primary"] = (n, p) => primary = ReadPrimary(n, p, ctx),
            ["biomarkers"] = (n, p) => biomarkers = ReadBiomarkers(n, p, ctx),
            ["history"] = (n, p) => history = ReadHistory(n, p, ctx),
            ["systemicTherapies"] = (n, p) => therapies = IsNull(n) ? null : ctx.List(n, p, (i, ip) => ReadTherapy(i, ip, ctx)),
            ["radiotherapy"] = (n, p) => radiotherapy = IsNull(n) ? null : ctx.List(n, p, (i, ip) => ReadRadiotherapy(i, ip, ctx)),
            ["metastases"] = (n, p) => metastases = ReadMetastases(n, p, ctx),
            ["expect"] = (n, p) => expect = ReadExpect(n, p, ctx),
        }, "assessedOn");

        var patient = new Patient
        {
            Id = id,
            AssessedOn = assessedOn ?? DateOnly.MaxValue,
            AgeYears = age,
            Sex = sex,
            Ecog = ecog,
            Smoking = smoking,
            Primary = primary,
            Biomarkers = biomarkers,
            History = history,
            SystemicTherapies = therapies,
            Radiotherapy = radiotherapy,
            Metastases = metastases,
        };
        return (patient, expect);
    }

    private static bool IsNull(YamlNode n) => n is YamlScalar { IsNull: true };

    private static PrimaryTumour? ReadPrimary(YamlNode node, string path, NodeContext ctx)
    {
        if (IsNull(node))
        {
            return null;
        }

        var r = new PrimaryTumour();
        ctx.Mapping(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["histology"] = (n, p) => r = r with { Histology = ctx.Enum<Histology>(n, p) },
            ["diagnosedOn"] = (n, p) => r = r with { DiagnosedOn = ctx.Date(n, p) },
            ["stage"] = (n, p) => r = r with { Stage = ctx.String(n, p) },
            ["stageGroup"] = (n, p) => r = r with { StageGroup = ReadStageGroup(n, p, ctx) },
            ["sclcExtent"] = (n, p) => r = r with { SclcExtent = ctx.Enum<SclcExtent>(n, p) },
            ["controlled"] = (n, p) => r = r with { Controlled = ctx.Bool(n, p) },
        });
        return r;
    }

    internal static readonly string[] StageGroups = ["0", "I", "IA", "IA1", "IA2", "IA3", "IB", "II", "IIA", "IIB", "III", "IIIA", "IIIB", "IIIC", "IV", "IVA", "IVB"];

    private static string? ReadStageGroup(YamlNode node, string path, NodeContext ctx)
    {
        var s = ctx.String(node, path);
        if (s is null || StageGroups.Contains(s))
        {
            return s;
        }

        var hint = NodeContext.Suggest(s, StageGroups);
        ctx.Error(node, path, $"unknown stage group '{YamlReader.Truncate(s)}'" + (hint is null ? "." : $"; did you mean '{hint}'?") + $" Allowed: {string.Join(", ", StageGroups)}");
        return null;
    }

    private static Biomarkers? ReadBiomarkers(YamlNode node, string path, NodeContext ctx)
    {
        if (IsNull(node))
        {
            return null;
        }

        var r = new Biomarkers();
        ctx.Mapping(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["pdl1Tps"] = (n, p) => r = r with { Pdl1Tps = ctx.Decimal(n, p) },
            ["egfr"] = (n, p) => r = r with { Egfr = ctx.Enum<EgfrStatus>(n, p) },
            ["alk"] = (n, p) => r = r with { Alk = ctx.Enum<MarkerStatus>(n, p) },
            ["ros1"] = (n, p) => r = r with { Ros1 = ctx.Enum<MarkerStatus>(n, p) },
            ["kras"] = (n, p) => r = r with { Kras = ctx.Enum<KrasStatus>(n, p) },
        });
        return r;
    }

    private static MetastaticHistory? ReadHistory(YamlNode node, string path, NodeContext ctx)
    {
        if (IsNull(node))
        {
            return null;
        }

        var r = new MetastaticHistory();
        ctx.Mapping(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["polymetastatic"] = (n, p) => r = r with { Polymetastatic = ctx.Bool(n, p) },
            ["oligometastatic"] = (n, p) => r = r with { Oligometastatic = ctx.Bool(n, p) },
        });
        return r;
    }

    private static SystemicTherapy? ReadTherapy(YamlNode node, string path, NodeContext ctx)
    {
        var r = new SystemicTherapy();
        ctx.Mapping(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["name"] = (n, p) => r = r with { Name = ctx.String(n, p) },
            ["kind"] = (n, p) => r = r with { Kind = ctx.Enum<TherapyKind>(n, p) },
            ["startedOn"] = (n, p) => r = r with { StartedOn = ctx.Date(n, p) },
            ["stoppedOn"] = (n, p) => r = r with { StoppedOn = ctx.Date(n, p) },
            ["bestResponse"] = (n, p) => r = r with { BestResponse = ctx.Enum<Response>(n, p) },
        });
        return r;
    }

    private static RadiotherapyCourse? ReadRadiotherapy(YamlNode node, string path, NodeContext ctx)
    {
        var r = new RadiotherapyCourse();
        ctx.Mapping(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["site"] = (n, p) => r = r with { Site = ctx.String(n, p) },
            ["doseGy"] = (n, p) => r = r with { DoseGy = ctx.Decimal(n, p) },
            ["fractions"] = (n, p) => r = r with { Fractions = ctx.Int(n, p) },
            ["startedOn"] = (n, p) => r = r with { StartedOn = ctx.Date(n, p) },
            ["stoppedOn"] = (n, p) => r = r with { StoppedOn = ctx.Date(n, p) },
        });
        return r;
    }

    private static Metastases? ReadMetastases(YamlNode node, string path, NodeContext ctx)
    {
        if (IsNull(node))
        {
            return null;
        }

        var r = new Metastases();
        ctx.Mapping(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["diagnosedOn"] = (n, p) => r = r with { DiagnosedOn = ctx.Date(n, p) },
            ["imaging"] = (n, p) => r = r with { Imaging = IsNull(n) ? null : [.. ctx.List(n, p, (i, ip) => ctx.Enum<ImagingModality>(i, ip)).OfType<ImagingModality>().Distinct()] },
            ["lesions"] = (n, p) => r = r with { Lesions = IsNull(n) ? null : ctx.List(n, p, (i, ip) => ReadLesion(i, ip, ctx)) },
        });
        return r;
    }

    private static Lesion? ReadLesion(YamlNode node, string path, NodeContext ctx)
    {
        var r = new Lesion();
        ctx.Mapping(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["organ"] = (n, p) => r = r with { Organ = ctx.Enum<Organ>(n, p) },
            ["sizeMm"] = (n, p) => r = r with { SizeMm = ctx.Decimal(n, p) },
            ["status"] = (n, p) => r = r with { Status = ctx.Enum<LesionStatus>(n, p) },
            ["treatable"] = (n, p) => r = r with { Treatable = ctx.Bool(n, p) },
            ["symptomatic"] = (n, p) => r = r with { Symptomatic = ctx.Bool(n, p) },
        }, "organ");
        return r;
    }

    private static CaseExpectation? ReadExpect(YamlNode node, string path, NodeContext ctx)
    {
        if (IsNull(node))
        {
            return null;
        }

        var r = new CaseExpectation();
        ctx.Mapping(node, path, new Dictionary<string, Action<YamlNode, string>>
        {
            ["state"] = (n, p) => r = r with { State = ctx.String(n, p) },
            ["options"] = (n, p) => r = r with { Options = ctx.List(n, p, ctx.String) },
            ["notOptions"] = (n, p) => r = r with { NotOptions = ctx.List(n, p, ctx.String) },
        });
        return r;
    }
}
