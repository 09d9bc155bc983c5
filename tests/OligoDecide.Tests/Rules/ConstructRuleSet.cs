using OligoDecide.Engine;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.Tests.Rules;

/// <summary>A rule set with one rule per condition construct, and helpers to read a rule's outcome.</summary>
internal static class ConstructRuleSet
{
    public static readonly DateOnly Today = new(2025, 6, 1);

    public static string Yaml { get; } = "rules:\n" + string.Join("\n", new[]
    {
        RuleSetFolder.Rule("eq-ecog", "- fact: ecog\n  equals: 1"),
        RuleSetFolder.Rule("in-egfr", "- fact: biomarkers.egfr\n  in: [exon19-deletion, l858r]"),
        RuleSetFolder.Rule("notin-histology", "- fact: primary.histology\n  notIn: [squamous, small-cell]"),
        RuleSetFolder.Rule("min-pdl1", "- fact: biomarkers.pdl1Tps\n  min: 50"),
        RuleSetFolder.Rule("max-ecog", "- fact: ecog\n  max: 1", "tags: [grp]"),
        RuleSetFolder.Rule("range-age", "- fact: ageYears\n  min: 40\n  max: 70", "tags: [grp, other-grp]"),
        RuleSetFolder.Rule("exists-pdl1", "- fact: biomarkers.pdl1Tps\n  exists: true"),
        RuleSetFolder.Rule("exists-not-ecog", "- fact: ecog\n  exists: false"),
        RuleSetFolder.Rule("bool-uncontrolled", "fact: primary.controlled\nequals: false"),
        RuleSetFolder.Rule("all-combo", "all:\n  - fact: ecog\n    max: 1\n  - fact: biomarkers.pdl1Tps\n    min: 1"),
        RuleSetFolder.Rule("any-combo", "any:\n  - fact: ecog\n    equals: 0\n  - fact: biomarkers.pdl1Tps\n    min: 50"),
        RuleSetFolder.Rule("not-ecog", "not:\n  fact: ecog\n  min: 2"),
        RuleSetFolder.Rule("not-any", "not:\n  any:\n    - fact: biomarkers.egfr\n      equals: negative\n    - anyLesion: { organ: brain }"),
        RuleSetFolder.Rule("any-lesion-liver", "- anyLesion: { organ: liver, status: [new, progressing] }"),
        RuleSetFolder.Rule("any-lesion-nested", "any:\n  - anyLesion: { treatable: false }\n  - fact: ageYears\n    min: 90"),
        RuleSetFolder.Rule("any-lesion-empty", "- anyLesion: {}"),
        RuleSetFolder.Rule("all-lesions-treatable", "- allLesions: { treatable: true }"),
        RuleSetFolder.Rule("not-all-lesions", "not:\n  allLesions: { status: stable }"),
        RuleSetFolder.Rule("count-new", "- countLesions: { where: { status: new }, min: 2, max: 3 }"),
        RuleSetFolder.Rule("count-none-symptomatic", "- countLesions: { where: { symptomatic: true }, max: 0 }"),
        RuleSetFolder.Rule("not-count-bone", "not:\n  countLesions: { where: { organ: bone }, min: 2 }"),
        RuleSetFolder.Rule("lesion-new-on-therapy", "- anyLesion: { detectedOnTherapy: true }"),
        RuleSetFolder.Rule("lesion-size-range", "- anyLesion: { sizeMm: { min: 10, max: 30 } }"),
        RuleSetFolder.Rule("any-therapy-vegf-ongoing", "- anyTherapy: { drugClass: vegf, ongoing: true }"),
        RuleSetFolder.Rule("any-therapy-first-line-3m", "- anyTherapy: { setting: first-line-metastatic, progressed: false, months: { min: 3 } }"),
        RuleSetFolder.Rule("all-therapies-no-ici", "- allTherapies: { checkpointInhibitor: false }"),
        RuleSetFolder.Rule("count-therapies-later-line", "- countTherapies: { where: { setting: later-line }, max: 0 }"),
        RuleSetFolder.Rule("any-therapy-cycles-response", "- anyTherapy: { cycles: { min: 4 }, bestResponse: [complete, partial, stable] }"),
        RuleSetFolder.Rule("state-metachronous", "- fact: classification.state\n  in: [metachronous-oligoprogression, metachronous-oligorecurrence]"),
        RuleSetFolder.Rule("state-recurrence", "- fact: classification.state\n  equals: metachronous-oligorecurrence"),
        RuleSetFolder.Rule("state-synchronous", "- fact: classification.state\n  equals: synchronous-oligometastatic"),
        RuleSetFolder.Rule("state-not-poly", "- fact: classification.state\n  notIn: [polymetastatic]"),
        RuleSetFolder.Rule("oligometastatic", "- fact: classification.oligometastatic\n  equals: true"),
        RuleSetFolder.Rule("chained", "- suggested: eq-ecog\n- fact: biomarkers.pdl1Tps\n  min: 1", kind: "caution"),
        RuleSetFolder.Rule("chained-list", "- suggested: [eq-ecog, min-pdl1]", kind: "caution"),
        RuleSetFolder.Rule("chained-tag", "- suggested: { tag: grp }", kind: "caution"),
        RuleSetFolder.Rule("chained-nested-all", "- all:\n    - suggested: max-ecog\n    - fact: ageYears\n      min: 18", kind: "caution"),
    });

    public static Patient Patient(int? ecog = null, decimal? pdl1 = null, EgfrStatus? egfr = null, Histology? histology = null, int? age = null, bool? controlled = null, Lesion[]? lesions = null) => new()
    {
        AssessedOn = Today,
        Ecog = ecog,
        AgeYears = age,
        Primary = histology is null && controlled is null ? null : new PrimaryTumour { Histology = histology, Controlled = controlled },
        Biomarkers = pdl1 is null && egfr is null ? null : new Biomarkers { Pdl1Tps = pdl1, Egfr = egfr },
        Metastases = lesions is null ? null : new Metastases { Lesions = lesions },
    };

    /// <summary>A therapy with the given fields (kind other unless given, which says nothing about its drug classes).</summary>
    public static SystemicTherapy Tx(
        TherapySetting? setting = null, DateOnly? started = null, DateOnly? stopped = null, bool? ongoing = null, DrugClass[]? classes = null,
        TherapyKind? kind = null, int? cycles = null, Response? response = null, DateOnly? progressed = null) =>
        new()
        {
            Kind = kind ?? TherapyKind.Other, DrugClasses = classes, Setting = setting, StartedOn = started, StoppedOn = stopped, Ongoing = ongoing,
            Cycles = cycles, BestResponse = response, ProgressedOn = progressed,
        };

    /// <summary>The construct patient with therapies (null: not recorded).</summary>
    public static Patient WithTherapies(SystemicTherapy[]? therapies) => Patient() with { SystemicTherapies = therapies };

    /// <summary>
    /// A de novo case (histories false, one new bone lesion) with metastases diagnosed 2025-05-01 and the
    /// given primary diagnosis date and therapies: with no primary date and no dated treatment, the state is
    /// indeterminate between synchronous and metachronous (off or on therapy).
    /// </summary>
    public static Patient Staged(DateOnly? primaryOn, params SystemicTherapy[] therapies) => Patient(lesions: [L(Organ.Bone, LesionStatus.New)]) with
    {
        Primary = new PrimaryTumour { Histology = Histology.Adenocarcinoma, DiagnosedOn = primaryOn },
        History = new MetastaticHistory { Polymetastatic = false, Oligometastatic = false },
        SystemicTherapies = therapies,
        Metastases = new Metastases { DiagnosedOn = new DateOnly(2025, 5, 1), Lesions = [L(Organ.Bone, LesionStatus.New)] },
    };

    public static Lazy<OligoDecideEngine> Engine { get; } = new(() => RuleSetFolder.Engine(Yaml));

    public static Lesion L(Organ organ = Organ.Bone, LesionStatus? status = null, bool? treatable = null, bool? symptomatic = null) =>
        new() { Organ = organ, Status = status, Treatable = treatable, Symptomatic = symptomatic, SizeMm = 10 };

    public static Truth Outcome(Decision decision, string ruleId) =>
        decision.Suggestions.Any(s => s.Rule == ruleId) ? Truth.True
        : decision.CouldApply.Any(c => c.Rule == ruleId) ? Truth.Unknown
        : Truth.False;
}
