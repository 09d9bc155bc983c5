using OligoDecide.Model;

namespace OligoDecide.Fhir;

/// <summary>
/// Every code the mapper knows, with its display. Anything not listed here is not mapped: the fact
/// stays missing and a warning names the code. docs/fhir-mapping.md lists the same rows and where each
/// code was verified.
/// </summary>
internal static class CodeTables
{
    private const string Sct = Mcode.Snomed;
    private const string Lnc = Mcode.Loinc;
    private const string Rxn = Mcode.RxNorm;
    private const string Icd10Cm = Mcode.Icd10Cm;

    /// <summary>Histology from the histologyMorphologyBehavior extension (SNOMED CT morphologic abnormality).</summary>
    public static readonly IReadOnlyList<CodeRow<Histology>> Morphology =
    [
        new(Sct, "1187332001", "Adenocarcinoma (morphologic abnormality)", Histology.Adenocarcinoma),
        new(Sct, "35917007", "Adenocarcinoma, no subtype (morphologic abnormality)", Histology.Adenocarcinoma),
        new(Sct, "1162767002", "Squamous cell carcinoma (morphologic abnormality)", Histology.Squamous),
        new(Sct, "74364000", "Small cell carcinoma (morphologic abnormality)", Histology.SmallCell),
        new(Sct, "22687000", "Large cell carcinoma (morphologic abnormality)", Histology.LargeCell),
    ];

    /// <summary>
    /// Primary lung cancer disorders (Condition.code). The value is the histology the code implies, or
    /// null for codes that name lung cancer without a histology. Also used to recognise a primary
    /// cancer condition that declares no profile.
    /// </summary>
    public static readonly IReadOnlyList<CodeRow<Histology?>> PrimaryDisorder =
    [
        new(Sct, "254626006", "Adenocarcinoma of lung (disorder)", Histology.Adenocarcinoma),
        new(Sct, "254634000", "Squamous cell carcinoma of lung (disorder)", Histology.Squamous),
        new(Sct, "254632001", "Small cell carcinoma of lung (disorder)", Histology.SmallCell),
        new(Sct, "254629004", "Large cell carcinoma of lung (disorder)", Histology.LargeCell),
        new(Sct, "254637007", "Non-small cell lung cancer (disorder)", Histology.NsclcNos),
        new(Sct, "93880001", "Primary malignant neoplasm of lung (disorder)", null),
        new(Sct, "363358000", "Malignant tumor of lung (disorder)", null),
    ];

    /// <summary>
    /// Primary lung cancer disorders whose code also carries a TNM stage, as Synthea's lung cancer module
    /// writes them next to the plain disorder (all in mCODE's PrimaryCancerDisorderVS). The stage is read
    /// as <c>primary.stageGroup</c> (I–IV, no sub-group).
    /// </summary>
    public static readonly IReadOnlyList<CodeRow<StagedPrimary>> StagedPrimaryDisorder =
    [
        new(Sct, "424132000", "Non-small cell carcinoma of lung, TNM stage 1 (disorder)", new(Histology.NsclcNos, "I")),
        new(Sct, "425048006", "Non-small cell carcinoma of lung, TNM stage 2 (disorder)", new(Histology.NsclcNos, "II")),
        new(Sct, "422968005", "Non-small cell carcinoma of lung, TNM stage 3 (disorder)", new(Histology.NsclcNos, "III")),
        new(Sct, "423121009", "Non-small cell carcinoma of lung, TNM stage 4 (disorder)", new(Histology.NsclcNos, "IV")),
        new(Sct, "67811000119102", "Primary small cell malignant neoplasm of lung, TNM stage 1 (disorder)", new(Histology.SmallCell, "I")),
        new(Sct, "67821000119109", "Primary small cell malignant neoplasm of lung, TNM stage 2 (disorder)", new(Histology.SmallCell, "II")),
        new(Sct, "67831000119107", "Primary small cell malignant neoplasm of lung, TNM stage 3 (disorder)", new(Histology.SmallCell, "III")),
        new(Sct, "67841000119103", "Primary small cell malignant neoplasm of lung, TNM stage 4 (disorder)", new(Histology.SmallCell, "IV")),
    ];

    /// <summary>ICD-10-CM C34 (malignant neoplasm of bronchus and lung): lung cancer without a histology. Rows from <see cref="McodeCodes.PrimaryLungIcd10Cm"/>.</summary>
    public static readonly IReadOnlyList<CodeRow<Histology?>> PrimaryIcd10Cm =
        [.. McodeCodes.PrimaryLungIcd10Cm.Select(c => new CodeRow<Histology?>(Icd10Cm, c.Code, c.Display, null))];

    /// <summary>
    /// Secondary (metastatic) disorders in SNOMED CT that recognise a secondary cancer condition declaring
    /// no profile, with the organ the code implies (null: the organ must come from bodySite). mCODE's
    /// SecondaryCancerDisorderVS takes every SNOMED CT descendant of 128462008; the package has no
    /// expansion, so only these verified rows are read and any other code gives a warning naming it.
    /// </summary>
    public static readonly IReadOnlyList<CodeRow<Organ?>> SecondaryDisorder =
    [
        new(Sct, "128462008", "Secondary malignant neoplastic disease (disorder)", null),
        new(Sct, "94225005", "Secondary malignant neoplasm of brain (disorder)", Organ.Brain),
        new(Sct, "94381002", "Secondary malignant neoplasm of liver (disorder)", Organ.Liver),
        new(Sct, "94222008", "Secondary malignant neoplasm of bone (disorder)", Organ.Bone),
        new(Sct, "94391008", "Secondary malignant neoplasm of lung (disorder)", Organ.Lung),
        new(Sct, "94161006", "Secondary malignant neoplasm of adrenal gland (disorder)", Organ.Adrenal),
    ];

    /// <summary>
    /// The organ each ICD-10-CM code of SecondaryCancerDisorderVS (<see cref="McodeCodes.SecondaryIcd10Cm"/>)
    /// implies for a lung primary, decided per code. Null: the code does not name one countable organ
    /// (a header, "unspecified", "multiple regions", the mediastinum), so the organ must come from bodySite.
    /// Intrathoracic nodes (C77.1) are regional for a lung primary: <see cref="Organ.LymphNodeMediastinal"/>.
    /// </summary>
    private static readonly Dictionary<string, Organ?> SecondaryIcd10CmOrgan = new(StringComparer.Ordinal)
    {
        ["C77"] = null, ["C77.0"] = Organ.LymphNodeDistant, ["C77.1"] = Organ.LymphNodeMediastinal, ["C77.2"] = Organ.LymphNodeDistant,
        ["C77.3"] = Organ.LymphNodeDistant, ["C77.4"] = Organ.LymphNodeDistant, ["C77.5"] = Organ.LymphNodeDistant, ["C77.8"] = null, ["C77.9"] = null,
        ["C78"] = null, ["C78.0"] = Organ.Lung, ["C78.00"] = Organ.Lung, ["C78.01"] = Organ.Lung, ["C78.02"] = Organ.Lung, ["C78.1"] = null,
        ["C78.2"] = Organ.Pleura, ["C78.3"] = null, ["C78.30"] = null, ["C78.39"] = null, ["C78.4"] = Organ.Other, ["C78.5"] = Organ.Other,
        ["C78.6"] = Organ.Other, ["C78.7"] = Organ.Liver, ["C78.8"] = null, ["C78.80"] = null, ["C78.89"] = Organ.Other,
        ["C79"] = null, ["C79.0"] = Organ.Other, ["C79.00"] = Organ.Other, ["C79.01"] = Organ.Other, ["C79.02"] = Organ.Other,
        ["C79.1"] = Organ.Other, ["C79.10"] = Organ.Other, ["C79.11"] = Organ.Other, ["C79.19"] = Organ.Other, ["C79.2"] = Organ.Other,
        ["C79.3"] = null, ["C79.31"] = Organ.Brain, ["C79.32"] = Organ.Other, ["C79.4"] = null, ["C79.40"] = null, ["C79.49"] = Organ.Other,
        ["C79.5"] = Organ.Bone, ["C79.51"] = Organ.Bone, ["C79.52"] = Organ.Bone, ["C79.6"] = Organ.Other, ["C79.60"] = Organ.Other,
        ["C79.61"] = Organ.Other, ["C79.62"] = Organ.Other, ["C79.7"] = Organ.Adrenal, ["C79.70"] = Organ.Adrenal, ["C79.71"] = Organ.Adrenal,
        ["C79.72"] = Organ.Adrenal, ["C79.8"] = null, ["C79.81"] = Organ.Other, ["C79.82"] = Organ.Other, ["C79.89"] = Organ.Other, ["C79.9"] = null,
        ["C7B"] = null, ["C7B.0"] = null, ["C7B.00"] = null, ["C7B.01"] = Organ.LymphNodeDistant, ["C7B.02"] = Organ.Liver, ["C7B.03"] = Organ.Bone,
        ["C7B.04"] = Organ.Other, ["C7B.09"] = Organ.Other, ["C7B.1"] = null, ["C7B.8"] = null,
    };

    /// <summary>Secondary disorders in ICD-10-CM (C77–C79, C7B) with the organ each implies; the code list is generated from the mCODE package.</summary>
    public static readonly IReadOnlyList<CodeRow<Organ?>> SecondaryIcd10Cm =
        [.. McodeCodes.SecondaryIcd10Cm.Select(c => new CodeRow<Organ?>(Icd10Cm, c.Code, c.Display, SecondaryIcd10CmOrgan[c.Code]))];

    /// <summary>The ICD-10-CM codes given an organ decision (a test checks it covers the generated list exactly).</summary>
    internal static IReadOnlyCollection<string> SecondaryIcd10CmDecided => SecondaryIcd10CmOrgan.Keys;

    /// <summary>Metastatic site from Condition.bodySite (SNOMED CT body structure).</summary>
    public static readonly IReadOnlyList<CodeRow<Organ>> BodySite =
    [
        new(Sct, "12738006", "Brain structure (body structure)", Organ.Brain),
        new(Sct, "272673000", "Bone structure (body structure)", Organ.Bone),
        new(Sct, "113192009", "Skeletal system structure (body structure)", Organ.Bone),
        new(Sct, "35769007", "Bone structure of thoracic vertebra (body structure)", Organ.Bone),
        new(Sct, "73903008", "Bone structure of lumbar vertebra (body structure)", Organ.Bone),
        new(Sct, "10200004", "Liver structure (body structure)", Organ.Liver),
        new(Sct, "23451007", "Adrenal structure (body structure)", Organ.Adrenal),
        new(Sct, "39607008", "Lung structure (body structure)", Organ.Lung),
        new(Sct, "3120008", "Pleural membrane structure (body structure)", Organ.Pleura),
        new(Sct, "59441001", "Structure of lymph node (body structure)", Organ.LymphNodeDistant),
        new(Sct, "62683002", "Mediastinal lymph node structure (body structure)", Organ.LymphNodeMediastinal),
    ];

    /// <summary>Lesion status from a cancer-disease-status Observation value. Null: known code meaning "undetermined".</summary>
    public static readonly IReadOnlyList<CodeRow<LesionStatus?>> DiseaseStatus =
    [
        new(Sct, "268910001", "Patient's condition improved (finding)", LesionStatus.Responding),
        new(Sct, "359746009", "Patient's condition stable (finding)", LesionStatus.Stable),
        new(Sct, "271299001", "Patient's condition worsened (finding)", LesionStatus.Progressing),
        new(Sct, "709137006", "Patient condition undetermined (finding)", null),
    ];

    /// <summary>Genes from the gene-studied component (HGNC).</summary>
    public static readonly IReadOnlyList<CodeRow<Gene>> Genes =
    [
        new(Mcode.Hgnc[0], "HGNC:3236", "EGFR", Gene.Egfr),
        new(Mcode.Hgnc[0], "HGNC:427", "ALK", Gene.Alk),
        new(Mcode.Hgnc[0], "HGNC:10261", "ROS1", Gene.Ros1),
        new(Mcode.Hgnc[0], "HGNC:6407", "KRAS", Gene.Kras),
    ];

    /// <summary>Whether a variant was found: Observation.value (LOINC answers) and Observation.interpretation (SNOMED CT qualifiers).</summary>
    public static readonly IReadOnlyList<CodeRow<bool>> VariantPresence =
    [
        new(Lnc, "LA9633-4", "Present", true),
        new(Lnc, "LA9634-2", "Absent", false),
        new(Sct, "10828004", "Positive (qualifier value)", true),
        new(Sct, "260385009", "Negative (qualifier value)", false),
    ];

    /// <summary>Observation codes that identify a resource when it declares no mCODE profile.</summary>
    public static readonly IReadOnlyList<CodeRow<string>> ObservationKind =
    [
        new(Lnc, "89247-1", "ECOG Performance Status score", Mcode.EcogPerformanceStatus),
        new(Lnc, "83053-9", "Cells.programmed cell death ligand 1/100 viable tumor cells in Tissue by Immune stain", Mcode.TumorMarkerTest),
        new(Lnc, "69548-6", "Genetic variant assessment", Mcode.GenomicVariant),
        new(Lnc, "97509-4", "Cancer Disease Progression", Mcode.CancerDiseaseStatus),
        new(Sct, "399390009", "TNM stage grouping", Mcode.TnmStageGroup),
        new(Sct, "399537006", "Clinical TNM stage grouping", Mcode.TnmStageGroup),
        new(Sct, "399588009", "Pathologic TNM stage grouping", Mcode.TnmStageGroup),
        new(Sct, "1287652008", "History of metastatic malignant neoplasm (situation)", Mcode.HistoryOfMetastaticCancer),
        new(Lnc, "21908-9", "Stage group.clinical Cancer", Mcode.TnmStageGroup),
        new(Lnc, "21902-2", "Stage group.pathology Cancer", Mcode.TnmStageGroup),
        new(Sct, "399387003", "cM category", Mcode.TnmDistantMetastasesCategory),
        new(Sct, "371497001", "pM category", Mcode.TnmDistantMetastasesCategory),
        new(Lnc, "21907-1", "Distant metastases.clinical [Class] Cancer", Mcode.TnmDistantMetastasesCategory),
        new(Lnc, "21901-4", "Distant metastases.pathology [Class] Cancer", Mcode.TnmDistantMetastasesCategory),
    ];

    /// <summary>PD-L1 tumour proportion score: a percentage.</summary>
    public static readonly CodeRow<string> Pdl1Tps = new(Lnc, "83053-9", "Cells.programmed cell death ligand 1/100 viable tumor cells in Tissue by Immune stain", "pdl1Tps");

    /// <summary>PD-L1 results that are qualitative (presence, interpretation, report): recognised, but they give no TPS.</summary>
    public static readonly IReadOnlyList<CodeRow<string>> Pdl1Qualitative =
    [
        new(Lnc, "83052-1", "PD-L1 by clone 22C3 [Presence] in Tissue by Immune stain", "presence"),
        new(Lnc, "83054-7", "PD-L1 by clone 22C3 [Interpretation] in Tissue by Immune stain Narrative", "interpretation"),
        new(Lnc, "83055-4", "PD-L1 by clone 28-8 [Presence] in Tissue by Immune stain", "presence"),
        new(Lnc, "83056-2", "PD-L1 by clone 28-8 [Interpretation] in Tissue by Immune stain Narrative", "interpretation"),
        new(Lnc, "83057-0", "PD-L1 by clone SP142 [Presence] in Tissue by Immune stain", "presence"),
        new(Lnc, "85147-7", "PD-L1 by clone 22C3 in Tissue by Immune stain Report", "report"),
        new(Lnc, "85148-5", "PD-L1 by clone 28-8 in Tissue by Immune stain Report", "report"),
        new(Lnc, "85149-3", "PD-L1 by clone SP142 in Tissue by Immune stain Report", "report"),
    ];

    /// <summary>Genomic-variant components (LOINC).</summary>
    public const string GeneStudied = "48018-6";

    /// <summary>Discrete genetic variant (variation-code component).</summary>
    public const string VariationCode = "81252-9";

    /// <summary>Amino acid change (pHGVS) (protein-hgvs component).</summary>
    public const string ProteinHgvs = "48005-3";

    /// <summary>ECOG performance status (LOINC).</summary>
    public const string Ecog = "89247-1";

    /// <summary>Radiotherapy course of treatment (SNOMED CT), the radiotherapy-course-summary code.</summary>
    public static readonly CodeRow<string> RadiotherapyCourse = new(Sct, "1217123003", "Radiotherapy course of treatment (regime/therapy)", Mcode.RadiotherapyCourseSummary);

    /// <summary>
    /// Systemic anti-cancer drugs by RxNorm ingredient code and by generic name. A null code means the
    /// RxNorm code could not be verified: the drug is matched by name only (docs/fhir-mapping.md).
    /// </summary>
    public static readonly IReadOnlyList<Drug> Drugs =
    [
        new("1547545", "pembrolizumab", TherapyKind.Immunotherapy),
        new("1597876", "nivolumab", TherapyKind.Immunotherapy),
        new("1792776", "atezolizumab", TherapyKind.Immunotherapy),
        new(null, "durvalumab", TherapyKind.Immunotherapy),
        new(null, "cemiplimab", TherapyKind.Immunotherapy),
        new("40048", "carboplatin", TherapyKind.Chemotherapy),
        new("2555", "cisplatin", TherapyKind.Chemotherapy),
        new(null, "pemetrexed", TherapyKind.Chemotherapy),
        new("56946", "paclitaxel", TherapyKind.Chemotherapy),
        new("72962", "docetaxel", TherapyKind.Chemotherapy),
        new("4179", "etoposide", TherapyKind.Chemotherapy),
        new("12574", "gemcitabine", TherapyKind.Chemotherapy),
        new("1721560", "osimertinib", TherapyKind.EgfrTki),
        new(null, "gefitinib", TherapyKind.EgfrTki),
        new(null, "erlotinib", TherapyKind.EgfrTki),
        new(null, "afatinib", TherapyKind.EgfrTki),
        new("1727455", "alectinib", TherapyKind.AlkTki),
        new("2103164", "lorlatinib", TherapyKind.AlkTki),
        new("1148495", "crizotinib", TherapyKind.AlkTki),
        new("1921217", "brigatinib", TherapyKind.AlkTki),
        new("253337", "bevacizumab", TherapyKind.AntiAngiogenic),
    ];

    public static T? Find<T>(IReadOnlyList<CodeRow<T>> table, string? system, string? code) =>
        table.FirstOrDefault(r => Same(r.System, system) && r.Code == code) is { } row ? row.Value : default;

    public static bool Contains<T>(IReadOnlyList<CodeRow<T>> table, string? system, string? code) =>
        table.Any(r => Same(r.System, system) && r.Code == code);

    /// <summary>Code systems compare by URL; HGNC is known under two URLs.</summary>
    public static bool Same(string a, string? b)
    {
        if (b is null)
        {
            return false;
        }

        return Mcode.Hgnc.Contains(a)
            ? Mcode.Hgnc.Any(h => string.Equals(h, b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            : string.Equals(a, b, StringComparison.Ordinal);
    }
}

/// <summary>A gene OligoDecide reads.</summary>
internal enum Gene
{
    Egfr,
    Alk,
    Ros1,
    Kras,
}

/// <summary>A primary lung cancer disorder code that also names a TNM stage: its histology and stage group.</summary>
internal sealed record StagedPrimary(Histology Histology, string StageGroup);

/// <summary>A drug row: RxNorm ingredient code (null when unverified), generic name, kind.</summary>
internal sealed record Drug(string? RxNorm, string Name, TherapyKind Kind);
