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
    private readonly List<(string Path, string Cause, List<string> Resources)> _warnings = [];
    private readonly List<MappedFact> _provenance = [];
    private readonly List<IgnoredResource> _ignored = [];

    private BundleMapper(string source, DateOnly assessedOn)
    {
        _source = source;
        _assessedOn = assessedOn;
    }

    public static FhirMappingResult Map(Bundle bundle, DateOnly assessedOn, string source, IReadOnlyDictionary<int, string>? unreadable = null) =>
        new BundleMapper(source, assessedOn).Run(bundle, unreadable ?? new Dictionary<int, string>());

    /// <param name="bundle">The Bundle.</param>
    /// <param name="unreadable">Entries (by index) the parser could not read whole, with the parser's message: left out, with a warning.</param>
    private FhirMappingResult Run(Bundle bundle, IReadOnlyDictionary<int, string> unreadable)
    {
        var entries = new List<Entry>();
        var state = new State(new Dictionary<string, Entry>(StringComparer.Ordinal));
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var e = bundle.Entry[i];
            if (e.Resource is null)
            {
                _ignored.Add(new($"entry[{i}]", "the entry has no resource"));
                continue;
            }

            var entry = new Entry(e.Resource, Reference(e, i), e.FullUrl);
            if (unreadable.TryGetValue(i, out var problem))
            {
                LeaveOut(entry, problem, state);
                continue;
            }

            entries.Add(entry);
        }

        foreach (var e in entries)
        {
            state.ByReference.TryAdd(e.Ref, e);
            if (e.FullUrl is { Length: > 0 } url)
            {
                state.ByReference.TryAdd(url, e);
            }

            if (e.Resource.Id is { Length: > 0 } id)
            {
                state.ByReference.TryAdd($"{e.Resource.TypeName}/{id}", e);
            }
        }

        foreach (var entry in entries)
        {
            switch (entry.Resource)
            {
                case Hl7.Fhir.Model.Patient p: ReadPatient(p, entry, state); break;
                case Condition c: ReadCondition(c, entry, state); break;
                case Observation o: ReadObservation(o, entry, state); break;
                case MedicationRequest m: ReadMedicationRequest(m, entry, state); break;
                case MedicationAdministration m: ReadMedicationAdministration(m, entry, state); break;
                case MedicationStatement m: ReadMedicationStatement(m, entry, state); break;
                case Procedure p: ReadProcedure(p, entry, state); break;
                case Medication: break; // read through medicationReference
                default: Ignore(entry, $"resource type {entry.Resource.TypeName} is not used"); break;
            }
        }

        foreach (var entry in entries.Where(e => e.Resource is Medication && !state.UsedMedications.Contains(e.Ref)))
        {
            Ignore(entry, "no medication request or administration refers to it");
        }

        ResolveStagedPrimaries(state);
        ResolveStatuses(state);
        ResolveGenes(state);
        var patient = Build(bundle, state);
        FlushWarnings();

        // A lesion whose organ the mapper could not read was already warned about: the classifier then
        // answers indeterminate with that organ missing, rather than the whole patient being refused.
        var organless = patient.Metastases?.Lesions?.Select((l, i) => (l, i)).Where(x => x.l.Organ is null).Select(x => $"metastases.lesions[{x.i}].organ").ToHashSet(StringComparer.Ordinal) ?? [];
        var validation = Documents.PatientDocument.Validate(patient, _source);
        _findings.AddRange(validation.Where(f => !(f.Severity == Severity.Error && organless.Contains(f.Path))));
        var ok = _findings.All(f => f.Severity != Severity.Error);
        return new FhirMappingResult(ok ? patient : null, _findings, _provenance, _ignored);
    }

    /// <summary>
    /// The current metastatic disease, open-world: confirmed secondary cancer conditions are the lesions.
    /// Without any, "no metastatic disease" (null) only when the record says so: the latest M category is M0,
    /// or the stage group is I–III, and nothing says M1 / stage IV. A suspected lesion, an unreadable
    /// Condition, or a record that says metastatic (stage IV, M1) without a readable metastasis leave the
    /// lesions missing (the classifier answers indeterminate); a record that says nothing either way too.
    /// </summary>
    private Metastases? BuildMetastases(State s)
    {
        var lesions = s.Lesions.OrderBy(l => l.Order).ToList();
        var earliest = lesions.Where(l => l.Onset is not null).OrderBy(l => l.Onset).FirstOrDefault();
        if (earliest is not null)
        {
            Fact("metastases.diagnosedOn", earliest.Entry, earliest.Profile);
        }

        if (s.UnconfirmedLesions || s.UnreadableCondition)
        {
            return new Metastases { DiagnosedOn = earliest?.Onset, Lesions = null };
        }

        if (lesions.Count > 0)
        {
            var model = new List<Lesion>();
            for (var i = 0; i < lesions.Count; i++)
            {
                var l = lesions[i];
                model.Add(new Lesion { Organ = l.Organ, Status = l.Status, DetectedOn = l.DetectedOn });
                if (l.Organ is not null)
                {
                    Fact($"metastases.lesions[{i}].organ", l.Entry, l.Profile);
                }

                if (l.DetectedOn is not null)
                {
                    Fact($"metastases.lesions[{i}].detectedOn", l.Entry, l.Profile);
                }

                if (l.Status is not null && l.StatusFrom is { } from)
                {
                    Fact($"metastases.lesions[{i}].status", from, Mcode.CancerDiseaseStatus);
                }
            }

            return new Metastases { DiagnosedOn = earliest?.Onset, Lesions = model };
        }

        var stageIv = s.StageGroup is { } g && g.StartsWith("IV", StringComparison.Ordinal);
        var metastatic = new List<string>();
        if (stageIv)
        {
            metastatic.Add($"stage group {s.StageGroup}");
        }

        if (s.DistantMetastases == "M1")
        {
            metastatic.Add("M category M1");
        }

        if (metastatic.Count > 0)
        {
            Warn($"the record says the cancer is metastatic ({string.Join(", ", metastatic)}) but no metastasis (secondary cancer condition) could be read; metastases.lesions stays missing", "metastases.lesions");
            return new Metastases { Lesions = null };
        }

        if (s.DistantMetastases == "M0" && s.DistantMetastasesFrom is { } m0)
        {
            Fact("metastases", m0, Mcode.TnmDistantMetastasesCategory);
            return null;
        }

        if (s.StageGroup is not null)
        {
            if (s.StageFrom is { } stage)
            {
                Fact("metastases", stage, Mcode.TnmStageGroup);
            }
            else if (s.StagedPrimaries.Count > 0)
            {
                Fact("metastases", s.StagedPrimaries.OrderBy(x => OnsetOf(x.Condition, x.Entry, null) ?? DateOnly.MinValue).Last().Entry, Mcode.PrimaryCancerCondition);
            }

            return null;
        }

        return new Metastases { Lesions = null };
    }

    private Model.Patient Build(Bundle bundle, State s)
    {
        var metastases = BuildMetastases(s);
        var therapies = BuildTherapies(s);
        var radiotherapy = s.Radiotherapy.Count > 0 && !s.RadiotherapyIncomplete ? s.Radiotherapy.Select(r => r.Course).ToList() : null;
        for (var i = 0; i < (radiotherapy?.Count ?? 0); i++)
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

    /// <summary>
    /// The entry a reference points to: by <c>Type/id</c>, by <c>fullUrl</c> (<c>urn:uuid:…</c>, absolute
    /// URLs), and for an absolute or versioned URL by its <c>Type/id</c> part (FHIR R4 bundle.html,
    /// "Resolving references in Bundles").
    /// </summary>
    private static Entry? Resolve(State s, string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        if (s.ByReference.TryGetValue(reference, out var hit))
        {
            return hit;
        }

        var parts = reference.Split('/');
        var history = Array.IndexOf(parts, "_history");
        if (history > 0)
        {
            parts = parts[..history];
        }

        return parts.Length >= 2 && s.ByReference.TryGetValue($"{parts[^2]}/{parts[^1]}", out var byTail) ? byTail : null;
    }

    /// <summary>
    /// An entry the parser could not read whole is left out with a warning naming the problem. What it
    /// could have told becomes unknown: a Condition makes the lesion count unknown, a medication makes
    /// systemicTherapies unknown, a Procedure makes radiotherapy unknown. Other types only lose their own facts.
    /// </summary>
    private void LeaveOut(Entry entry, string problem, State s)
    {
        Ignore(entry, "the resource is not valid FHIR R4 and was left out: " + problem);
        var consequence = entry.Resource switch
        {
            Condition c when Declared(c, Mcode.PrimaryCancerCondition, Mcode.SecondaryCancerCondition) is null
                && c.Code?.Coding is { Count: > 0 } codings && !codings.Any(x => PrimaryCode(x) is not null || SecondaryCode(x) is not null) => null,
            Condition => Mark(() => s.UnreadableCondition = true, "metastases.lesions"),
            MedicationRequest or MedicationAdministration or MedicationStatement or Medication when !IsCancerMedication(entry.Resource) => null,
            MedicationRequest or MedicationAdministration or MedicationStatement or Medication => Mark(() => s.TherapiesIncomplete = true, "systemicTherapies"),
            Procedure => Mark(() => s.RadiotherapyIncomplete = true, "radiotherapy"),
            Hl7.Fhir.Model.Patient or Observation => "the facts it carries",
            _ => null,
        };
        Warn(entry, $"not valid FHIR R4 ({problem}); left out" + (consequence is null ? string.Empty : $", so {consequence} stays missing"), consequence is null or "the facts it carries" ? string.Empty : consequence);

        static string Mark(Action set, string path)
        {
            set();
            return path;
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

    /// <summary>A warning not about one resource.</summary>
    private void Warn(string message, string path) => Warn(null, message, path);

    /// <summary>A warning about one resource. The same cause for several resources becomes one warning that counts them.</summary>
    private void Warn(Entry? entry, string cause, string path)
    {
        var group = _warnings.FindIndex(w => w.Path == path && w.Cause == cause);
        if (group < 0)
        {
            _warnings.Add((path, cause, []));
            group = _warnings.Count - 1;
        }

        if (entry is not null)
        {
            _warnings[group].Resources.Add(entry.Ref);
        }
    }

    /// <summary>Adds the grouped warnings to the findings, in the order their causes were first seen.</summary>
    private void FlushWarnings()
    {
        foreach (var (path, cause, resources) in _warnings)
        {
            var message = resources.Count switch
            {
                0 => cause,
                1 => $"{resources[0]}: {cause}",
                _ => $"{resources.Count} resources ({string.Join(", ", resources.Take(3))}{(resources.Count > 3 ? ", …" : string.Empty)}): {cause}",
            };
            _findings.Add(new Finding(Severity.Warning, message, _source, 0, 0, path));
        }

        _warnings.Clear();
    }

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
            Warn(entry, $"{element} is a partial date; {path} stays missing rather than guess the day", path);
        }

        return date;
    }

    private sealed record Entry(Resource Resource, string Ref, string? FullUrl);

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
        public Entry? StageFrom { get; set; }
        public bool StageFromCondition { get; set; }
        public List<(Condition Condition, Entry Entry, StagedPrimary Stage)> StagedPrimaries { get; } = [];
        public string? DistantMetastases { get; set; }
        public DateOnly? DistantMetastasesDate { get; set; }
        public Entry? DistantMetastasesFrom { get; set; }
        public bool UnconfirmedLesions { get; set; }
        public bool UnreadableCondition { get; set; }
        public bool RadiotherapyIncomplete { get; set; }
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

        /// <summary>onsetDateTime or onsetPeriod.start only: recordedDate is when the Condition was written down, not when the lesion was found.</summary>
        public DateOnly? DetectedOn { get; set; }
        public LesionStatus? Status { get; set; }
        public Entry? StatusFrom { get; set; }
    }

    private sealed record StatusObservation(Entry Entry, string Focus, DateOnly? Effective, CodeableConcept? Value);

    private sealed record GeneResult(Entry Entry, bool? Present, string? Variant, string Profile);

    private sealed record TherapyItem(Entry Entry, Drug Drug, DateOnly Start, DateOnly? Stop, string Profile);

    private sealed record RadiotherapyDraft(Entry Entry, RadiotherapyCourse Course, IReadOnlyList<string> Fields);
}
