namespace OligoDecide.Model;

// Enum members are written in documents in kebab-case (FdgPetCt → fdg-pet-ct).

/// <summary>Sex as recorded.</summary>
public enum Sex
{
    /// <summary>female</summary>
    Female,

    /// <summary>male</summary>
    Male,

    /// <summary>other</summary>
    Other,

    /// <summary>unknown</summary>
    Unknown,
}

/// <summary>Smoking history.</summary>
public enum Smoking
{
    /// <summary>never</summary>
    Never,

    /// <summary>former</summary>
    Former,

    /// <summary>current</summary>
    Current,
}

/// <summary>Histology of the primary lung tumour.</summary>
public enum Histology
{
    /// <summary>adenocarcinoma (non-squamous NSCLC)</summary>
    Adenocarcinoma,

    /// <summary>squamous cell carcinoma (NSCLC)</summary>
    Squamous,

    /// <summary>non-small-cell carcinoma, not otherwise specified</summary>
    NsclcNos,

    /// <summary>large-cell carcinoma (non-squamous NSCLC)</summary>
    LargeCell,

    /// <summary>small-cell lung cancer</summary>
    SmallCell,

    /// <summary>adenosquamous carcinoma (NSCLC with glandular and squamous components; neither squamous nor non-squamous for the rules)</summary>
    Adenosquamous,
}

/// <summary>Extent of small-cell lung cancer (VA staging).</summary>
public enum SclcExtent
{
    /// <summary>limited stage</summary>
    Limited,

    /// <summary>extensive stage</summary>
    Extensive,
}

/// <summary>EGFR mutation status.</summary>
public enum EgfrStatus
{
    /// <summary>no EGFR mutation found</summary>
    Negative,

    /// <summary>exon 19 deletion (classic, sensitising)</summary>
    Exon19Deletion,

    /// <summary>exon 21 L858R (classic, sensitising)</summary>
    L858r,

    /// <summary>exon 20 insertion</summary>
    Exon20Insertion,

    /// <summary>another EGFR mutation</summary>
    Other,

    /// <summary>tested without a usable result</summary>
    Unknown,

    /// <summary>an EGFR mutation was reported without its subtype (an actionable driver; whether it is a classic sensitising mutation is unknown)</summary>
    MutatedUnspecified,
}

/// <summary>Status of a fusion/rearrangement marker such as ALK or ROS1.</summary>
public enum MarkerStatus
{
    /// <summary>rearrangement found</summary>
    Positive,

    /// <summary>no rearrangement found</summary>
    Negative,

    /// <summary>tested without a usable result</summary>
    Unknown,
}

/// <summary>KRAS mutation status.</summary>
public enum KrasStatus
{
    /// <summary>no KRAS mutation found</summary>
    Negative,

    /// <summary>KRAS G12C</summary>
    G12c,

    /// <summary>another KRAS mutation</summary>
    Other,

    /// <summary>tested without a usable result</summary>
    Unknown,
}

/// <summary>Kind of systemic therapy.</summary>
public enum TherapyKind
{
    /// <summary>cytotoxic chemotherapy alone</summary>
    Chemotherapy,

    /// <summary>immune checkpoint inhibitor alone</summary>
    Immunotherapy,

    /// <summary>chemotherapy with an immune checkpoint inhibitor</summary>
    ChemoImmunotherapy,

    /// <summary>EGFR tyrosine kinase inhibitor</summary>
    EgfrTki,

    /// <summary>ALK tyrosine kinase inhibitor</summary>
    AlkTki,

    /// <summary>another targeted drug</summary>
    OtherTargeted,

    /// <summary>anti-angiogenic drug (e.g. bevacizumab)</summary>
    AntiAngiogenic,

    /// <summary>anything else</summary>
    Other,
}

/// <summary>Best response to a therapy.</summary>
public enum Response
{
    /// <summary>complete response</summary>
    Complete,

    /// <summary>partial response</summary>
    Partial,

    /// <summary>stable disease</summary>
    Stable,

    /// <summary>progressive disease</summary>
    Progressive,

    /// <summary>not assessable or not recorded</summary>
    Unknown,
}

/// <summary>Staging imaging modality.</summary>
public enum ImagingModality
{
    /// <summary>FDG-PET-CT</summary>
    FdgPetCt,

    /// <summary>contrast brain MRI</summary>
    BrainMri,

    /// <summary>CT</summary>
    Ct,

    /// <summary>bone scan</summary>
    BoneScan,

    /// <summary>other imaging</summary>
    Other,
}

/// <summary>Organ or site of a metastasis.</summary>
public enum Organ
{
    /// <summary>brain</summary>
    Brain,

    /// <summary>bone</summary>
    Bone,

    /// <summary>liver</summary>
    Liver,

    /// <summary>adrenal gland</summary>
    Adrenal,

    /// <summary>lung (intrapulmonary metastasis)</summary>
    Lung,

    /// <summary>pleura</summary>
    Pleura,

    /// <summary>distant (non-regional) lymph node</summary>
    LymphNodeDistant,

    /// <summary>mediastinal lymph node: regional disease, not counted as a metastasis (EORTC lung consensus)</summary>
    LymphNodeMediastinal,

    /// <summary>another site</summary>
    Other,

    /// <summary>hilar lymph node: regional disease, not counted as a metastasis</summary>
    LymphNodeHilar,

    /// <summary>supraclavicular lymph node: regional disease (N3), not counted as a metastasis</summary>
    LymphNodeSupraclavicular,
}

/// <summary>Status of a lesion on current imaging.</summary>
public enum LesionStatus
{
    /// <summary>newly appeared</summary>
    New,

    /// <summary>growing</summary>
    Progressing,

    /// <summary>unchanged</summary>
    Stable,

    /// <summary>shrinking</summary>
    Responding,
}

/// <summary>The setting or line a systemic therapy was given in.</summary>
public enum TherapySetting
{
    /// <summary>before surgery of the primary</summary>
    Neoadjuvant,

    /// <summary>after surgery of the primary</summary>
    Adjuvant,

    /// <summary>after definitive (chemo)radiotherapy of the primary, e.g. durvalumab after chemoradiotherapy</summary>
    Consolidation,

    /// <summary>first line for metastatic disease, with its maintenance</summary>
    FirstLineMetastatic,

    /// <summary>second or later line for metastatic disease</summary>
    LaterLine,

    /// <summary>
    /// given concurrently with definitive thoracic radiotherapy of non-metastatic disease (limited-stage
    /// small-cell or stage III non-small-cell lung cancer); not therapy for metastatic disease
    /// </summary>
    DefinitiveChemoradiotherapy,
}

/// <summary>Drug class of a systemic therapy (a regimen lists every class it contains).</summary>
public enum DrugClass
{
    /// <summary>PD-1 antibody (pembrolizumab, nivolumab, ...)</summary>
    Pd1,

    /// <summary>PD-L1 antibody (atezolizumab, durvalumab, ...)</summary>
    Pdl1,

    /// <summary>CTLA-4 antibody (ipilimumab, tremelimumab)</summary>
    Ctla4,

    /// <summary>VEGF or VEGFR inhibitor (bevacizumab, ramucirumab)</summary>
    Vegf,

    /// <summary>EGFR tyrosine kinase inhibitor</summary>
    EgfrTki,

    /// <summary>ALK tyrosine kinase inhibitor</summary>
    AlkTki,

    /// <summary>cytotoxic chemotherapy</summary>
    Chemotherapy,

    /// <summary>another targeted drug</summary>
    OtherTargeted,
}

/// <summary>The intent of the treatment the board considers.</summary>
public enum TreatmentIntent
{
    /// <summary>radical: ablative local treatment of all known disease</summary>
    Radical,

    /// <summary>palliative or non-ablative: symptom or disease control without treating all sites ablatively</summary>
    Palliative,
}

/// <summary>The patient's stated preference about local treatment.</summary>
public enum PatientPreference
{
    /// <summary>would accept radical local treatment</summary>
    AcceptsLocalTherapy,

    /// <summary>declines radical local treatment</summary>
    DeclinesLocalTherapy,

    /// <summary>has not decided</summary>
    Undecided,
}
