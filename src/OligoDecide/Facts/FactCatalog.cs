using System.Collections.Frozen;
using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Model;


namespace OligoDecide.Facts;

/// <summary>
/// The closed vocabulary of facts that rules may test, and of lesion fields that lesion
/// quantifiers (<c>anyLesion</c>, <c>allLesions</c>, <c>countLesions</c>) may test.
/// A fact is unknown (null) whenever the data it derives from are absent.
/// </summary>
public static class FactCatalog
{
    /// <summary>Every patient-level fact, in documentation order.</summary>
    public static IReadOnlyList<FactDefinition> Facts { get; } =
    [
        FactDefinition.For<PatientFacts, string?>("classification.state", FactType.Enumeration, f => f.State,
            "The ESTRO/EORTC state. On an indeterminate case a test of it is true when every state still possible satisfies it, false when none does, and unknown otherwise (the rule could apply).",
            [.. StateIds.All.Where(s => s != "indeterminate")]).WithPossible(f => f.PossibleStates),
        FactDefinition.For<PatientFacts, string?>("classification.category", FactType.Enumeration, f => f.Category,
            "de-novo, repeat or induced; none when not oligometastatic. Unknown when the category could not be decided.",
            KebabCase.AllNames<StateCategory>()),
        FactDefinition.For<PatientFacts, bool?>("classification.oligometastatic", FactType.Boolean, f => f.Oligometastatic,
            "True for any of the nine oligometastatic states. On an indeterminate case: true (false) when every possible state is (is not) oligometastatic, else unknown.").WithPossible(f => f.PossibleOligometastatic),
        FactDefinition.For<PatientFacts, bool?>("classification.decided", FactType.Boolean, f => f.Decided,
            "True when the classification reached a state; unknown (never false) when it is indeterminate. Rules that apply whatever the state test it, so that an indeterminate case gets no options, only what is missing."),
        FactDefinition.For<PatientFacts, int?>("lesions.count", FactType.Integer, f => f.LesionCount,
            "Countable metastatic lesions (mediastinal nodes excluded). Unknown when lesions are not recorded."),
        FactDefinition.For<PatientFacts, int?>("organs.count", FactType.Integer, f => f.OrganCount,
            "Distinct organs among the countable lesions."),
        FactDefinition.For<PatientFacts, int?>("ageYears", FactType.Integer, f => f.AgeYears, "Age in years."),
        FactDefinition.For<PatientFacts, int?>("ecog", FactType.Integer, f => f.Ecog, "ECOG performance status, 0-4."),
        FactDefinition.For<PatientFacts, string?>("sex", FactType.Enumeration, f => f.Sex, "Sex as recorded.", KebabCase.AllNames<Sex>()),
        FactDefinition.For<PatientFacts, string?>("smoking", FactType.Enumeration, f => f.Smoking, "Smoking history.", KebabCase.AllNames<Smoking>()),
        FactDefinition.For<PatientFacts, string?>("primary.histology", FactType.Enumeration, f => f.Histology, "Histology of the primary.", KebabCase.AllNames<Histology>()),
        FactDefinition.For<PatientFacts, bool?>("primary.nonSmallCell", FactType.Boolean, f => f.NonSmallCell,
            "True for every histology but small-cell."),
        FactDefinition.For<PatientFacts, bool?>("primary.nonSquamous", FactType.Boolean, f => f.NonSquamous,
            "True for adenocarcinoma, large-cell and NSCLC-NOS; false for squamous and small-cell."),
        FactDefinition.For<PatientFacts, string?>("primary.stageGroup", FactType.Enumeration, f => f.StageGroup, "Stage group as recorded.", PatientReader.StageGroups),
        FactDefinition.For<PatientFacts, string?>("primary.sclcExtent", FactType.Enumeration, f => f.SclcExtent, "Small-cell extent.", KebabCase.AllNames<SclcExtent>()),
        FactDefinition.For<PatientFacts, bool?>("primary.controlled", FactType.Boolean, f => f.PrimaryControlled, "The primary tumour is controlled."),
        FactDefinition.For<PatientFacts, decimal?>("biomarkers.pdl1Tps", FactType.Number, f => f.Pdl1Tps, "PD-L1 tumour proportion score, percent."),
        FactDefinition.For<PatientFacts, string?>("biomarkers.egfr", FactType.Enumeration, f => f.Egfr, "EGFR status; the value unknown (test failed) is treated as an unknown fact.", KebabCase.AllNames<EgfrStatus>()),
        FactDefinition.For<PatientFacts, bool?>("biomarkers.egfrClassic", FactType.Boolean, f => f.EgfrClassic,
            "EGFR exon 19 deletion or L858R (the classic sensitising mutations)."),
        FactDefinition.For<PatientFacts, string?>("biomarkers.alk", FactType.Enumeration, f => f.Alk, "ALK status.", KebabCase.AllNames<MarkerStatus>()),
        FactDefinition.For<PatientFacts, string?>("biomarkers.ros1", FactType.Enumeration, f => f.Ros1, "ROS1 status.", KebabCase.AllNames<MarkerStatus>()),
        FactDefinition.For<PatientFacts, string?>("biomarkers.kras", FactType.Enumeration, f => f.Kras, "KRAS status.", KebabCase.AllNames<KrasStatus>()),
        FactDefinition.For<PatientFacts, bool?>("biomarkers.actionableDriver", FactType.Boolean, f => f.ActionableDriver,
            "True when EGFR is mutated (any mutation) or ALK or ROS1 is positive; false only when EGFR, ALK and ROS1 are all negative; unknown otherwise. KRAS is not counted."),
        FactDefinition.For<PatientFacts, bool?>("history.polymetastatic", FactType.Boolean, f => f.HistoryPolymetastatic, "Polymetastatic disease before the current state."),
        FactDefinition.For<PatientFacts, bool?>("history.oligometastatic", FactType.Boolean, f => f.HistoryOligometastatic, "Oligometastatic disease before the current state."),
        FactDefinition.For<PatientFacts, bool?>("therapy.anyPrior", FactType.Boolean, f => f.AnyPriorSystemic,
            "Any systemic therapy recorded (past or ongoing). Unknown when therapies are not recorded."),
        FactDefinition.For<PatientFacts, bool?>("therapy.ongoing", FactType.Boolean, f => f.OngoingSystemic, "A systemic therapy is ongoing (stated `ongoing: true`); unknown when a therapy has neither a stop date nor `ongoing`."),
        FactDefinition.For<PatientFacts, bool?>("therapy.ongoingAntiAngiogenic", FactType.Boolean, f => f.OngoingAntiAngiogenic,
            "An anti-angiogenic drug (VEGF or VEGFR inhibitor, e.g. bevacizumab: kind anti-angiogenic or drug class vegf) is ongoing."),
        FactDefinition.For<PatientFacts, bool?>("therapy.ongoingIci", FactType.Boolean, f => f.OngoingIci,
            "An immune checkpoint inhibitor is ongoing (immunotherapy or chemo-immunotherapy)."),
        FactDefinition.For<PatientFacts, bool?>("therapy.ongoingIciMonotherapy", FactType.Boolean, f => f.OngoingIciMonotherapy,
            "Immunotherapy alone is ongoing, with no chemotherapy ongoing."),
        FactDefinition.For<PatientFacts, bool?>("therapy.ongoingTargeted", FactType.Boolean, f => f.OngoingTargeted,
            "A targeted drug (EGFR-TKI, ALK-TKI or other targeted) is ongoing."),
        FactDefinition.For<PatientFacts, bool?>("therapy.iciExposed", FactType.Boolean, f => f.IciExposed,
            "An immune checkpoint inhibitor was ever given (immunotherapy or chemo-immunotherapy)."),
        FactDefinition.For<PatientFacts, bool?>("therapy.chemotherapyForMetastatic", FactType.Boolean, f => f.ChemotherapyForMetastatic,
            "Cytotoxic chemotherapy (chemotherapy or chemo-immunotherapy) was given for metastatic disease: its setting is first-line-metastatic or later-line, or, with no setting recorded, it started on or after the metastasis diagnosis. False when every chemotherapy was neoadjuvant, adjuvant, consolidation or given with definitive chemoradiotherapy (by setting, or started before the metastasis diagnosis) or none was given; unknown when a chemotherapy has neither a setting nor a start date to place it. PEMBRO-RT enrolled patients after chemotherapy for metastatic disease (Theelen 2019)."),
        FactDefinition.For<PatientFacts, bool?>("therapy.firstLineWithoutProgression", FactType.Boolean, f => f.FirstLineWithoutProgression,
            "The first line for metastatic disease did not progress: every entry of it (the therapies with setting first-line-metastatic when settings are recorded, else every therapy started on the earliest start date, whatever their order in the list) had a best response of complete, partial or stable and no progression date, and no later line has started. False when it progressed, a later line started or no therapy was given; unknown when a response is not recorded."),
        FactDefinition.For<PatientFacts, decimal?>("therapy.firstLine.months", FactType.Number, f => f.FirstLineMonths,
            "Months on the first line without progression: from its first start to its first progression date, else to its last stop (the assessment date while ongoing). Unknown when its end is not recorded."),
        FactDefinition.For<PatientFacts, int?>("therapy.firstLine.cycles", FactType.Integer, f => f.FirstLineCycles,
            "Cycles of the first line (the largest recorded on its entries). Unknown when no entry records cycles."),
        FactDefinition.For<PatientFacts, string?>("therapy.settingAtMetastasis", FactType.Enumeration, f => f.SettingAtMetastasis,
            "The setting of the systemic therapy active when the metastases were diagnosed (adjuvant, consolidation, ...); none when no systemic therapy was active. Unknown when that is not recorded, the active therapy's setting is not recorded, or active therapies differ.", [.. KebabCase.AllNames<TherapySetting>(), PatientFactsBuilder.NoTherapy]),
        FactDefinition.For<PatientFacts, bool?>("therapy.anyProgression", FactType.Boolean, f => f.AnyProgressionOnTherapy,
            "Any systemic therapy had progressive disease as best response or a progression date."),
        FactDefinition.For<PatientFacts, int?>("progression.sites", FactType.Integer, f => f.ProgressingSites,
            "Sites new or progressing on current imaging: countable metastases, the primary tumour and regional nodes (ASTRO/ESTRO 2023: progression in existing and/or new sites). Unknown when lesions are not recorded."),
        FactDefinition.For<PatientFacts, bool?>("progression.limitedOnTherapy", FactType.Boolean, f => f.LimitedProgressionOnTherapy,
            "On systemic therapy at diagnosis, 1 to 5 sites progressing, whatever the number of controlled lesions (the oligoprogression trials' population: CURB; STOP, HALT). Holds in any state, polymetastatic included."),
        FactDefinition.For<PatientFacts, int?>("lesions.regionalNodes", FactType.Integer, f => f.RegionalNodeCount,
            "Regional lymph nodes recorded (hilar, mediastinal, supraclavicular): seen by the progression question, not counted as metastases."),
        FactDefinition.For<PatientFacts, bool?>("brain.metastasisFree", FactType.Boolean, f => f.BrainMetastasisFree,
            "No brain metastasis, known: true only when brain MRI is recorded and no brain lesion; false when a brain lesion is recorded; unknown when the brain was not imaged."),
        FactDefinition.For<PatientFacts, string?>("primary.status", FactType.Enumeration, f => f.PrimaryStatus,
            "Status of the primary tumour on current imaging, like a lesion's.", KebabCase.AllNames<LesionStatus>()),
        FactDefinition.For<PatientFacts, bool?>("biomarkers.egfrAmplification", FactType.Boolean, f => f.EgfrAmplification,
            "EGFR amplification (not an actionable driver)."),
        FactDefinition.For<PatientFacts, bool?>("biomarkers.pdl1Positive", FactType.Boolean, f => f.Pdl1Positive,
            "PD-L1 positive: TPS of 1% or more when a TPS is recorded, else the reported positive/negative result."),
        FactDefinition.For<PatientFacts, string?>("treatmentIntent", FactType.Enumeration, f => f.TreatmentIntent,
            "The intent of the treatment the board considers.", KebabCase.AllNames<TreatmentIntent>()),
        FactDefinition.For<PatientFacts, string?>("preference", FactType.Enumeration, f => f.Preference,
            "The patient's stated preference about local treatment.", KebabCase.AllNames<PatientPreference>()),
        FactDefinition.For<PatientFacts, bool?>("radiotherapy.concurrentChemoradiotherapy", FactType.Boolean, f => f.ConcurrentChemoradiotherapy,
            "A radiotherapy course overlapped in time with chemotherapy or chemo-immunotherapy. Unknown when radiotherapy or therapies are not recorded."),
        FactDefinition.For<PatientFacts, bool?>("imaging.fdgPetCt", FactType.Boolean, f => f.FdgPetCt, "FDG-PET-CT was part of staging. Unknown when imaging is not recorded."),
        FactDefinition.For<PatientFacts, bool?>("imaging.brainMri", FactType.Boolean, f => f.BrainMri, "Brain MRI was part of staging."),
        FactDefinition.For<PatientFacts, bool?>("imaging.stagingComplete", FactType.Boolean, f => f.StagingComplete, "Both FDG-PET-CT and brain MRI were done."),
    ];

    /// <summary>The fields a lesion quantifier's <c>where</c> may test.</summary>
    public static IReadOnlyList<FactDefinition> LesionFields { get; } =
    [
        FactDefinition.For<LesionFact, string?>("organ", FactType.Enumeration, l => l.Organ, "Organ or site.", KebabCase.AllNames<Organ>()),
        FactDefinition.For<LesionFact, string?>("status", FactType.Enumeration, l => l.Status, "Status on current imaging.", KebabCase.AllNames<LesionStatus>()),
        FactDefinition.For<LesionFact, bool?>("treatable", FactType.Boolean, l => l.Treatable, "Radical local treatment judged feasible and safe."),
        FactDefinition.For<LesionFact, bool?>("symptomatic", FactType.Boolean, l => l.Symptomatic, "Causes symptoms."),
        FactDefinition.For<LesionFact, decimal?>("sizeMm", FactType.Number, l => l.SizeMm, "Largest diameter, mm."),
        FactDefinition.For<LesionFact, bool?>("countable", FactType.Boolean, l => l.Countable, "False for regional lymph nodes (hilar, mediastinal, supraclavicular), true otherwise."),
        FactDefinition.For<LesionFact, bool?>("diffuse", FactType.Boolean, l => l.Diffuse, "Diffuse serosal spread (pleural, pericardial or peritoneal carcinomatosis)."),
        FactDefinition.For<LesionFact, string?>("location", FactType.Enumeration, l => l.Location,
            "Lung lesions: peripheral, chest-wall (abutting it), central (within 2 cm of the proximal bronchial tree or mediastinum) or ultracentral (touching the proximal bronchial tree, trachea or oesophagus).", KebabCase.AllNames<LungLocation>()),
        FactDefinition.For<LesionFact, string?>("boneSite", FactType.Enumeration, l => l.BoneSite, "Bone lesions: spine, femur or other.", KebabCase.AllNames<BoneSite>()),
        FactDefinition.For<LesionFact, bool?>("detectedOnTherapy", FactType.Boolean, l => l.DetectedOnTherapy,
            "New on therapy: the lesion was first detected (`detectedOn`) after a systemic therapy started (a scan on its first day is the baseline) and while it was still given (its stop day included), whatever the therapy's setting. False when it was detected before every therapy started, in a gap between therapies, or when none was given (present at diagnosis or found off therapy). Unknown without `detectedOn`, without recorded therapies, or when a start or stop that decides it is missing."),
    ];

    /// <summary>The fields a therapy quantifier's <c>where</c> (<c>anyTherapy</c>, <c>allTherapies</c>, <c>countTherapies</c>) may test, per systemic therapy.</summary>
    public static IReadOnlyList<FactDefinition> TherapyFields { get; } =
    [
        FactDefinition.For<TherapyFact, string?>("kind", FactType.Enumeration, t => t.Kind, "Kind of therapy as recorded.", KebabCase.AllNames<TherapyKind>()),
        FactDefinition.For<TherapyFact, string[]?>("drugClass", FactType.EnumerationSet, t => t.DrugClass,
            "Drug classes of the regimen: the recorded list, else the one class the kind implies (chemotherapy, egfr-tki, alk-tki, other-targeted; anti-angiogenic gives vegf). Unknown for immunotherapy or chemo-immunotherapy without a recorded list (which checkpoint inhibitor is not said).",
            KebabCase.AllNames<DrugClass>()),
        FactDefinition.For<TherapyFact, bool?>("checkpointInhibitor", FactType.Boolean, t => t.CheckpointInhibitor,
            "Contains an immune checkpoint inhibitor (immunotherapy, chemo-immunotherapy, or a PD-1, PD-L1 or CTLA-4 class). Unknown for kind other without recorded classes."),
        FactDefinition.For<TherapyFact, bool?>("chemotherapy", FactType.Boolean, t => t.Chemotherapy,
            "Contains cytotoxic chemotherapy. Unknown for kind other without recorded classes."),
        FactDefinition.For<TherapyFact, bool?>("targeted", FactType.Boolean, t => t.Targeted,
            "Contains a targeted drug (EGFR-TKI, ALK-TKI, other targeted). Unknown for kind other without recorded classes."),
        FactDefinition.For<TherapyFact, string?>("setting", FactType.Enumeration, t => t.Setting, "Setting or line.", KebabCase.AllNames<TherapySetting>()),
        FactDefinition.For<TherapyFact, bool?>("ongoing", FactType.Boolean, t => t.Ongoing,
            "Ongoing on the assessment date: false with a stop date or `ongoing: false`, true with `ongoing: true`, unknown with neither."),
        FactDefinition.For<TherapyFact, decimal?>("months", FactType.Number, t => t.Months,
            "Months on this therapy: start to stop, or to the assessment date while ongoing (days / 30.4375, one decimal). Unknown without a start, or without a stop when not stated ongoing."),
        FactDefinition.For<TherapyFact, int?>("cycles", FactType.Integer, t => t.Cycles, "Cycles given so far, as recorded."),
        FactDefinition.For<TherapyFact, int?>("freeIntervalDays", FactType.Integer, t => t.FreeIntervalDays,
            "Days from this therapy's stop to the diagnosis of the current metastases (metastases.diagnosedOn): the therapy-free interval before the relapse. Negative when the therapy stopped after that diagnosis; a therapy stated ongoing counts as stopping on the assessment date. Unknown without a stop date (when not stated ongoing) or without metastases.diagnosedOn. The sensitive-relapse trials in small-cell lung cancer counted at least 90 days (Baize 2020)."),
        FactDefinition.For<TherapyFact, string?>("bestResponse", FactType.Enumeration, t => t.BestResponse,
            "Best response; the recorded value unknown is an unknown fact.", [.. KebabCase.AllNames<Response>().Where(r => r != "unknown")]),
        FactDefinition.For<TherapyFact, bool?>("progressed", FactType.Boolean, t => t.Progressed,
            "Progressed on this therapy: true with a progression date or best response progressive; false with best response complete, partial or stable and no progression date; unknown otherwise."),
    ];

    internal static FrozenDictionary<string, FactDefinition> TherapyByName { get; } = TherapyFields.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    internal static FrozenDictionary<string, FactDefinition> ByName { get; } = Facts.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    internal static FrozenDictionary<string, FactDefinition> LesionByName { get; } = LesionFields.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
}
