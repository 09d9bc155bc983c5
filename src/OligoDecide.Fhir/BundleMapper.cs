using Hl7.Fhir.Model;
using OligoDecide.Model;

namespace OligoDecide.Fhir;

/// <summary>
/// One mapping run over one Bundle: reads each entry once, records what it mapped (provenance),
/// what it ignored and why, and a warning for every code it does not know. Not thread-safe; one per call.
/// </summary>
internal sealed partial class BundleMapper
{
    private readonly string _source;
    private readonly DateOnly _assessedOn;
    private readonly List<Finding> _findings = [];
    private readonly List<MappedFact> _provenance = [];
    private readonly List<IgnoredResource> _ignored = [];

    private BundleMapper(string source, DateOnly assessedOn)
    {
        _source = source;
        _assessedOn = assessedOn;
    }

    public static FhirMappingResult Map(Bundle bundle, DateOnly assessedOn, string source) =>
        new BundleMapper(source, assessedOn).Run(bundle);

    private FhirMappingResult Run(Bundle bundle)
    {
        var entries = new List<Entry>();
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var e = bundle.Entry[i];
            if (e.Resource is null)
            {
                _ignored.Add(new($"entry[{i}]", "the entry has no resource"));
                continue;
            }

            entries.Add(new Entry(e.Resource, Reference(e, i)));
        }

        var byReference = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            byReference.TryAdd(e.Ref, e);
            if (e.Resource.Id is { Length: > 0 } id)
            {
                byReference.TryAdd($"{e.Resource.TypeName}/{id}", e);
            }
        }

        var state = new State(byReference);
        foreach (var entry in entries)
        {
            switch (entry.Resource)
            {
                case Hl7.Fhir.Model.Patient p: ReadPatient(p, entry, state); break;
                case Condition c: ReadCondition(c, entry, state); break;
                case Observation o: ReadObservation(o, entry, state); break;
                case MedicationRequest m: ReadMedicationRequest(m, entry, state); break;
                case MedicationAdministration m: ReadMedicationAdministration(m, entry, state); break;
                case Procedure p: ReadProcedure(p, entry, state); break;
                case Medication: break; // read through medicationReference
                default: Ignore(entry, $"resource type {entry.Resource.TypeName} is not used"); break;
            }
        }

        foreach (var entry in entries.Where(e => e.Resource is Medication && !state.UsedMedications.Contains(e.Ref)))
        {
            Ignore(entry, "no medication request or administration refers to it");
        }

        ResolveStatuses(state);
        ResolveGenes(state);
        var patient = Build(bundle, state);
        var validation = Documents.PatientDocument.Validate(patient, _source);
        _findings.AddRange(validation);
        var ok = _findings.All(f => f.Severity != Severity.Error);
        return new FhirMappingResult(ok ? patient : null, _findings, _provenance, _ignored);
    }

    private Model.Patient Build(Bundle bundle, State s)
    {
        var lesions = s.Lesions.OrderBy(l => l.Order).ToList();
        Metastases? metastases = null;
        if (lesions.Count > 0)
        {
            var model = new List<Lesion>();
            for (var i = 0; i < lesions.Count; i++)
            {
                var l = lesions[i];
                model.Add(new Lesion { Organ = l.Organ, Status = l.Status });
                if (l.Organ is not null)
                {
                    Fact($"metastases.lesions[{i}].organ", l.Entry, l.Profile);
                }

                if (l.Status is not null && l.StatusFrom is { } from)
                {
                    Fact($"metastases.lesions[{i}].status", from, Mcode.CancerDiseaseStatus);
                }
            }

            var earliest = lesions.Where(l => l.Onset is not null).OrderBy(l => l.Onset).FirstOrDefault();
            if (earliest is not null)
            {
                Fact("metastases.diagnosedOn", earliest.Entry, earliest.Profile);
            }

            metastases = new Metastases { DiagnosedOn = earliest?.Onset, Lesions = model };
        }

        var therapies = BuildTherapies(s);
        var radiotherapy = s.Radiotherapy.Count > 0 ? s.Radiotherapy.Select(r => r.Course).ToList() : null;
        for (var i = 0; i < s.Radiotherapy.Count; i++)
        {
            foreach (var field in s.Radiotherapy[i].Fields)
            {
                Fact($"radiotherapy[{i}].{field}", s.Radiotherapy[i].Entry, Mcode.RadiotherapyCourseSummary);
            }
        }

        var primary = s.Histology is null && s.PrimaryDiagnosedOn is null && s.StageGroup is null
            ? null
            : new PrimaryTumour { Histology = s.Histology, DiagnosedOn = s.PrimaryDiagnosedOn, StageGroup = s.StageGroup };
        var biomarkers = s.Pdl1 is null && s.Egfr is null && s.Alk is null && s.Ros1 is null && s.Kras is null
            ? null
            : new Biomarkers { Pdl1Tps = s.Pdl1, Egfr = s.Egfr, Alk = s.Alk, Ros1 = s.Ros1, Kras = s.Kras };
        var history = s.HistoryPolymetastatic is null && s.HistoryOligometastatic is null
            ? null
            : new MetastaticHistory { Polymetastatic = s.HistoryPolymetastatic, Oligometastatic = s.HistoryOligometastatic };

        return new Model.Patient
        {
            Id = bundle.Id,
            AssessedOn = _assessedOn,
            AgeYears = s.AgeYears,
            Sex = s.Sex,
            Ecog = s.Ecog,
            Primary = primary,
            Biomarkers = biomarkers,
            History = history,
            SystemicTherapies = therapies,
            Radiotherapy = radiotherapy,
            Metastases = metastases,
        };
    }

    private void ReadPatient(Hl7.Fhir.Model.Patient p, Entry entry, State s)
    {
        const string profile = "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-cancer-patient";
        if (s.PatientSeen)
        {
            Ignore(entry, "a second Patient resource; only the first is read");
            Warn($"the Bundle holds more than one Patient; {entry.Ref} was not read", string.Empty);
            return;
        }

        s.PatientSeen = true;
        s.Sex = p.Gender switch
        {
            AdministrativeGender.Female => Sex.Female,
            AdministrativeGender.Male => Sex.Male,
            AdministrativeGender.Other => Sex.Other,
            AdministrativeGender.Unknown => Sex.Unknown,
            _ => null,
        };
        if (s.Sex is not null)
        {
            Fact("sex", entry, profile);
        }

        var birth = FhirDates.Read(p.BirthDate, out _);
        if (birth is { } b && b <= _assessedOn)
        {
            var age = _assessedOn.Year - b.Year - (_assessedOn < b.AddYears(_assessedOn.Year - b.Year) ? 1 : 0);
            s.AgeYears = age;
            Fact("ageYears", entry, profile);
        }
    }

    private static string Reference(Bundle.EntryComponent e, int index) =>
        e.Resource!.Id is { Length: > 0 } id ? $"{e.Resource.TypeName}/{id}"
        : e.FullUrl is { Length: > 0 } url ? url
        : $"{e.Resource.TypeName} (entry[{index}])";

    /// <summary>The mCODE profile the resource declares, if any of those given.</summary>
    private static string? Declared(Resource r, params string[] profiles) =>
        r.Meta?.Profile?.OfType<string>().Select(p => p.Split('|')[0]).FirstOrDefault(profiles.Contains);

    private void Fact(string path, Entry entry, string profile) =>
        _provenance.Add(new MappedFact(path, entry.Ref, profile, Declared(entry.Resource, profile) is not null));

    private void Ignore(Entry entry, string reason) => _ignored.Add(new IgnoredResource(entry.Ref, reason));

    private void Warn(string message, string path) => _findings.Add(new Finding(Severity.Warning, message, _source, 0, 0, path));

    private void Error(string message, string path) => _findings.Add(new Finding(Severity.Error, message, _source, 0, 0, path));

    /// <summary>Codings as <c>system|code</c> text for messages: codes only, never display text.</summary>
    private static string Codes(CodeableConcept? cc) =>
        cc?.Coding is { Count: > 0 } codings
            ? string.Join(", ", codings.Take(5).Select(c => $"{SystemName(c.System)} '{Truncate(c.Code)}'"))
            : "with no coding";

    private static string SystemName(string? system) => system switch
    {
        Mcode.Snomed => "SNOMED CT",
        Mcode.Loinc => "LOINC",
        Mcode.RxNorm => "RxNorm",
        Mcode.Ajcc => "AJCC",
        null => "(no system)",
        _ when Mcode.Hgnc.Contains(system.TrimEnd('/'), StringComparer.OrdinalIgnoreCase) => "HGNC",
        _ => Truncate(system),
    };

    private static string Truncate(string? s) => s is null ? string.Empty : s.Length <= 64 ? s : s[..64] + "…";

    private DateOnly? Date(string? literal, Entry entry, string element, string path)
    {
        var date = FhirDates.Read(literal, out var partial);
        if (partial)
        {
            Warn($"{entry.Ref} {element} is a partial date; {path} stays missing rather than guess the day", path);
        }

        return date;
    }

    private sealed record Entry(Resource Resource, string Ref);

    private sealed class State(Dictionary<string, Entry> byReference)
    {
        public Dictionary<string, Entry> ByReference { get; } = byReference;
        public HashSet<string> UsedMedications { get; } = new(StringComparer.Ordinal);
        public bool PatientSeen { get; set; }
        public Sex? Sex { get; set; }
        public int? AgeYears { get; set; }
        public int? Ecog { get; set; }
        public DateOnly? EcogDate { get; set; }
        public bool PrimarySeen { get; set; }
        public Histology? Histology { get; set; }
        public DateOnly? PrimaryDiagnosedOn { get; set; }
        public string? StageGroup { get; set; }
        public DateOnly? StageDate { get; set; }
        public decimal? Pdl1 { get; set; }
        public EgfrStatus? Egfr { get; set; }
        public MarkerStatus? Alk { get; set; }
        public MarkerStatus? Ros1 { get; set; }
        public KrasStatus? Kras { get; set; }
        public Dictionary<Gene, List<GeneResult>> GeneResults { get; } = [];
        public bool? HistoryPolymetastatic { get; set; }
        public bool? HistoryOligometastatic { get; set; }
        public List<LesionDraft> Lesions { get; } = [];
        public List<StatusObservation> Statuses { get; } = [];
        public List<TherapyItem> TherapyItems { get; } = [];
        public bool TherapiesIncomplete { get; set; }
        public List<RadiotherapyDraft> Radiotherapy { get; } = [];
    }

    private sealed class LesionDraft
    {
        public required Entry Entry { get; init; }
        public required string Profile { get; init; }
        public required int Order { get; init; }
        public Organ? Organ { get; set; }
        public DateOnly? Onset { get; set; }
        public LesionStatus? Status { get; set; }
        public Entry? StatusFrom { get; set; }
    }

    private sealed record StatusObservation(Entry Entry, string Focus, DateOnly? Effective, CodeableConcept? Value);

    private sealed record GeneResult(Entry Entry, bool? Present, string? Variant, string Profile);

    private sealed record TherapyItem(Entry Entry, Drug Drug, DateOnly Start, DateOnly? Stop, string Profile);

    private sealed record RadiotherapyDraft(Entry Entry, RadiotherapyCourse Course, IReadOnlyList<string> Fields);
}
