namespace OligoDecide.Fhir;

/// <summary>mCODE profile canonicals, extension URLs and code systems the mapper reads.</summary>
internal static class Mcode
{
    public const string Base = "http://hl7.org/fhir/us/mcode/StructureDefinition/";

    public const string PrimaryCancerCondition = Base + "mcode-primary-cancer-condition";
    public const string SecondaryCancerCondition = Base + "mcode-secondary-cancer-condition";
    public const string TnmStageGroup = Base + "mcode-tnm-stage-group";
    public const string TumorMarkerTest = Base + "mcode-tumor-marker-test";
    public const string GenomicVariant = Base + "mcode-genomic-variant";
    public const string EcogPerformanceStatus = Base + "mcode-ecog-performance-status";
    public const string CancerDiseaseStatus = Base + "mcode-cancer-disease-status";
    public const string HistoryOfMetastaticCancer = Base + "mcode-history-of-metastatic-cancer";
    public const string MedicationRequest = Base + "mcode-cancer-related-medication-request";
    public const string MedicationAdministration = Base + "mcode-cancer-related-medication-administration";
    public const string RadiotherapyCourseSummary = Base + "mcode-radiotherapy-course-summary";
    public const string TnmDistantMetastasesCategory = Base + "mcode-tnm-distant-metastases-category";

    /// <summary>mCODE STU1 profile for medication statements (removed in STU2; still sent by older feeds).</summary>
    public const string MedicationStatement = Base + "mcode-cancer-related-medication-statement";

    public const string HistologyMorphologyBehavior = Base + "mcode-histology-morphology-behavior";
    public const string RadiotherapySessions = Base + "mcode-radiotherapy-sessions";
    public const string RadiotherapyDoseDeliveredToVolume = Base + "mcode-radiotherapy-dose-delivered-to-volume";

    public const string Snomed = "http://snomed.info/sct";
    public const string Loinc = "http://loinc.org";
    public const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public const string Ajcc = "http://cancerstaging.org";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string Icd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";

    /// <summary>HGNC as mCODE (<c>http://www.genenames.org</c>) and the Genomics Reporting IG (<c>…/geneid</c>) name it.</summary>
    public static readonly string[] Hgnc = ["http://www.genenames.org", "http://www.genenames.org/geneid"];

    /// <summary>The short profile id (<c>mcode-…</c>) of a canonical.</summary>
    public static string Id(string canonical) => canonical.StartsWith(Base, StringComparison.Ordinal) ? canonical[Base.Length..] : canonical;
}
