namespace OligoDecide.Model;

/// <summary>
/// One patient's case as OligoDecide reads it. Every member but <see cref="AssessedOn"/> may be
/// absent, and absent means <em>unknown</em>, never false: a list that is null was not recorded,
/// an empty list was recorded as empty.
/// </summary>
public sealed record Patient
{
    /// <summary>The case identifier (not a medical record number).</summary>
    public string? Id { get; init; }

    /// <summary>The date the case is assessed: "today" for every date comparison. Required.</summary>
    public required DateOnly AssessedOn { get; init; }

    /// <summary>Age in whole years.</summary>
    public int? AgeYears { get; init; }

    /// <summary>Sex as recorded.</summary>
    public Sex? Sex { get; init; }

    /// <summary>ECOG performance status, 0 to 4.</summary>
    public int? Ecog { get; init; }

    /// <summary>Smoking history.</summary>
    public Smoking? Smoking { get; init; }

    /// <summary>The primary lung tumour.</summary>
    public PrimaryTumour? Primary { get; init; }

    /// <summary>Molecular and PD-L1 results.</summary>
    public Biomarkers? Biomarkers { get; init; }

    /// <summary>Metastatic history before the current state.</summary>
    public MetastaticHistory? History { get; init; }

    /// <summary>Systemic therapies given or ongoing; null when not recorded.</summary>
    public IReadOnlyList<SystemicTherapy>? SystemicTherapies { get; init; }

    /// <summary>Radiotherapy courses; null when not recorded.</summary>
    public IReadOnlyList<RadiotherapyCourse>? Radiotherapy { get; init; }

    /// <summary>The current metastatic disease; null when none is recorded.</summary>
    public Metastases? Metastases { get; init; }

    /// <summary>The intent of the treatment the board considers (radical or palliative).</summary>
    public TreatmentIntent? TreatmentIntent { get; init; }

    /// <summary>The patient's stated preference about local treatment.</summary>
    public PatientPreference? Preference { get; init; }
}

/// <summary>The primary lung tumour.</summary>
public sealed record PrimaryTumour
{
    /// <summary>Histology.</summary>
    public Histology? Histology { get; init; }

    /// <summary>Date the primary was diagnosed.</summary>
    public DateOnly? DiagnosedOn { get; init; }

    /// <summary>TNM stage as text, e.g. <c>cT2aN2M1b</c>.</summary>
    public string? Stage { get; init; }

    /// <summary>Stage group (I, IA, IB, II, IIA, IIB, III, IIIA, IIIB, IIIC, IV, IVA, IVB).</summary>
    public string? StageGroup { get; init; }

    /// <summary>Small-cell extent (limited or extensive); small-cell histology only.</summary>
    public SclcExtent? SclcExtent { get; init; }

    /// <summary>Whether the primary tumour is controlled (treated without local progression).</summary>
    public bool? Controlled { get; init; }

    /// <summary>
    /// Status of the primary on current imaging, like a lesion's: a progressing primary counts for the
    /// progression question of the classification (ASTRO/ESTRO 2023), not for the lesion count.
    /// </summary>
    public LesionStatus? Status { get; init; }
}

/// <summary>Molecular and PD-L1 results.</summary>
public sealed record Biomarkers
{
    /// <summary>PD-L1 tumour proportion score, percent (0–100).</summary>
    public decimal? Pdl1Tps { get; init; }

    /// <summary>EGFR status.</summary>
    public EgfrStatus? Egfr { get; init; }

    /// <summary>ALK status.</summary>
    public MarkerStatus? Alk { get; init; }

    /// <summary>ROS1 status.</summary>
    public MarkerStatus? Ros1 { get; init; }

    /// <summary>KRAS status.</summary>
    public KrasStatus? Kras { get; init; }

    /// <summary>EGFR amplification (not an actionable driver; recorded apart from the mutation status).</summary>
    public bool? EgfrAmplification { get; init; }

    /// <summary>PD-L1 reported positive (true) or negative (false) without a TPS number; a TPS, when given, decides.</summary>
    public bool? Pdl1Positive { get; init; }
}

/// <summary>Metastatic history before the current metastatic state.</summary>
public sealed record MetastaticHistory
{
    /// <summary>Polymetastatic disease was ever diagnosed before.</summary>
    public bool? Polymetastatic { get; init; }

    /// <summary>Oligometastatic disease was ever diagnosed (and treated) before.</summary>
    public bool? Oligometastatic { get; init; }
}

/// <summary>A systemic therapy line.</summary>
public sealed record SystemicTherapy
{
    /// <summary>Drug or regimen name (free text; never echoed in errors).</summary>
    public string? Name { get; init; }

    /// <summary>Kind of therapy.</summary>
    public TherapyKind? Kind { get; init; }

    /// <summary>Start date.</summary>
    public DateOnly? StartedOn { get; init; }

    /// <summary>Stop date; null when the therapy is ongoing or the date is not recorded (see <see cref="Ongoing"/>).</summary>
    public DateOnly? StoppedOn { get; init; }

    /// <summary>
    /// True when the therapy is stated to be ongoing; false when it is stated to have stopped (with or
    /// without <see cref="StoppedOn"/>); null when not stated. A therapy with neither this nor a stop
    /// date is of unknown status, never assumed ongoing.
    /// </summary>
    public bool? Ongoing { get; init; }

    /// <summary>Best response.</summary>
    public Response? BestResponse { get; init; }

    /// <summary>Setting or line (neoadjuvant, adjuvant, consolidation, first-line metastatic, later line, with definitive chemoradiotherapy).</summary>
    public TherapySetting? Setting { get; init; }

    /// <summary>Drug classes in the regimen; null when not recorded.</summary>
    public IReadOnlyList<DrugClass>? DrugClasses { get; init; }

    /// <summary>Cycles given so far (1-100).</summary>
    public int? Cycles { get; init; }

    /// <summary>Date progression on this therapy was found; null when none is recorded.</summary>
    public DateOnly? ProgressedOn { get; init; }

    /// <summary>
    /// Whether the therapy was given on <paramref name="date"/>: true, false, or null when that depends
    /// on a start or stop that is not recorded. "Stopped, date unknown" is known to be over only on
    /// <paramref name="assessedOn"/>.
    /// </summary>
    internal bool? ActiveOn(DateOnly date, DateOnly assessedOn)
    {
        if (StartedOn is null)
        {
            return StoppedOn is { } s && s < date ? false : null;
        }

        if (StartedOn > date)
        {
            return false;
        }

        if (StoppedOn is { } stopped)
        {
            return stopped >= date;
        }

        return Ongoing switch
        {
            true => true,
            false when date >= assessedOn => false,
            _ => null,
        };
    }
}

/// <summary>A course of radiotherapy.</summary>
public sealed record RadiotherapyCourse
{
    /// <summary>Treated site (free text).</summary>
    public string? Site { get; init; }

    /// <summary>Total dose in Gy.</summary>
    public decimal? DoseGy { get; init; }

    /// <summary>Number of fractions.</summary>
    public int? Fractions { get; init; }

    /// <summary>Start date.</summary>
    public DateOnly? StartedOn { get; init; }

    /// <summary>Stop date.</summary>
    public DateOnly? StoppedOn { get; init; }
}

/// <summary>The current metastatic disease.</summary>
public sealed record Metastases
{
    /// <summary>Date the current metastatic state was diagnosed.</summary>
    public DateOnly? DiagnosedOn { get; init; }

    /// <summary>Staging imaging done; null when not recorded.</summary>
    public IReadOnlyList<ImagingModality>? Imaging { get; init; }

    /// <summary>The lesions; null when not recorded.</summary>
    public IReadOnlyList<Lesion>? Lesions { get; init; }
}

/// <summary>One metastatic lesion.</summary>
public sealed record Lesion
{
    /// <summary>Organ or site. Required for every lesion.</summary>
    public Organ? Organ { get; init; }

    /// <summary>
    /// Whether the lesion counts towards the oligometastatic limits: mediastinal lymph nodes do not
    /// (EORTC lung cancer consensus, Dingemans 2019). The one place this definition is written.
    /// </summary>
    internal bool IsCountable => !IsRegionalNode;

    /// <summary>Hilar, mediastinal and supraclavicular nodes: regional disease, recorded but not counted.</summary>
    internal bool IsRegionalNode => Organ is Model.Organ.LymphNodeMediastinal or Model.Organ.LymphNodeHilar or Model.Organ.LymphNodeSupraclavicular;

    /// <summary>Largest diameter in millimetres.</summary>
    public decimal? SizeMm { get; init; }

    /// <summary>Status on current imaging.</summary>
    public LesionStatus? Status { get; init; }

    /// <summary>Whether radical local treatment of this lesion is judged technically feasible and safe.</summary>
    public bool? Treatable { get; init; }

    /// <summary>Whether the lesion causes symptoms.</summary>
    public bool? Symptomatic { get; init; }

    /// <summary>
    /// Diffuse serosal spread (pleural, pericardial or peritoneal carcinomatosis) rather than a discrete
    /// deposit: not oligometastatic disease, whatever the count.
    /// </summary>
    public bool? Diffuse { get; init; }

    /// <summary>Lung lesions: where the lesion lies relative to the central airways and mediastinum.</summary>
    public LungLocation? Location { get; init; }

    /// <summary>Bone lesions: spine, femur or another bone.</summary>
    public BoneSite? BoneSite { get; init; }

    /// <summary>
    /// The date the lesion was first seen on imaging (or otherwise found); null when not recorded. Not after
    /// <see cref="Patient.AssessedOn"/>. Tells a lesion that arose on a systemic therapy from one present when it
    /// started (the lesion field <c>detectedOnTherapy</c> of the rules).
    /// </summary>
    public DateOnly? DetectedOn { get; init; }
}

/// <summary>
/// Expectations a case file may carry (<c>expect:</c>), checked by <c>oligodecide test</c> and the test kit.
/// </summary>
public sealed record CaseExpectation
{
    /// <summary>The expected classification state id, if any.</summary>
    public string? State { get; init; }

    /// <summary>Option codes that must be suggested.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>Option codes that must not be suggested.</summary>
    public IReadOnlyList<string> NotOptions { get; init; } = [];

    /// <summary>
    /// Schedule table rows that must hold for a treated lesion, each as <c>"option lesions[i] table/row"</c>
    /// (a caution row counts when it holds).
    /// </summary>
    public IReadOnlyList<string> Schedules { get; init; } = [];

    /// <summary>Schedule table rows that must not hold, in the same form as <see cref="Schedules"/>.</summary>
    public IReadOnlyList<string> NotSchedules { get; init; } = [];

    /// <summary>Treated lesions that must get no schedule (withheld or a deciding fact missing), each as <c>"option lesions[i]"</c>.</summary>
    public IReadOnlyList<string> NoSchedule { get; init; } = [];
}
