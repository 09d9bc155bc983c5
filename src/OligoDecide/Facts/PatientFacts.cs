namespace OligoDecide.Facts;

/// <summary>
/// The facts of one patient as the rules see them: every vocabulary fact as a typed, nullable
/// property (null = unknown), computed once per evaluation; the compiled conditions read it (and, in
/// verification mode, the NRules compilation of the rule set receives it as its one fact).
/// </summary>
internal sealed class PatientFacts
{
    public string? State { get; init; }

    public string? Category { get; init; }

    public bool? Oligometastatic { get; init; }

    public bool? Decided { get; init; }

    public int? LesionCount { get; init; }

    public int? OrganCount { get; init; }

    public int? AgeYears { get; init; }

    public int? Ecog { get; init; }

    public string? Sex { get; init; }

    public string? Smoking { get; init; }

    public string? Histology { get; init; }

    public bool? NonSmallCell { get; init; }

    public bool? NonSquamous { get; init; }

    public string? StageGroup { get; init; }

    public string? SclcExtent { get; init; }

    public bool? PrimaryControlled { get; init; }

    public decimal? Pdl1Tps { get; init; }

    public string? Egfr { get; init; }

    public bool? EgfrClassic { get; init; }

    public string? Alk { get; init; }

    public string? Ros1 { get; init; }

    public string? Kras { get; init; }

    public bool? ActionableDriver { get; init; }

    public bool? HistoryPolymetastatic { get; init; }

    public bool? HistoryOligometastatic { get; init; }

    public bool? AnyPriorSystemic { get; init; }

    public bool? OngoingSystemic { get; init; }

    public bool? OngoingIci { get; init; }

    public bool? OngoingAntiAngiogenic { get; init; }

    public bool? OngoingIciMonotherapy { get; init; }

    public bool? OngoingTargeted { get; init; }

    public bool? IciExposed { get; init; }

    public bool? ChemotherapyForMetastatic { get; init; }

    public bool? FirstLineWithoutProgression { get; init; }

    public bool? AnyProgressionOnTherapy { get; init; }

    public bool? ConcurrentChemoradiotherapy { get; init; }

    public decimal? FirstLineMonths { get; init; }

    public int? FirstLineCycles { get; init; }

    public string? SettingAtMetastasis { get; init; }

    public int? ProgressingSites { get; init; }

    public bool? LimitedProgressionOnTherapy { get; init; }

    public int? RegionalNodeCount { get; init; }

    public bool? BrainMetastasisFree { get; init; }

    public string? PrimaryStatus { get; init; }

    public bool? EgfrAmplification { get; init; }

    public bool? Pdl1Positive { get; init; }

    public string? TreatmentIntent { get; init; }

    public string? Preference { get; init; }

    public bool? FdgPetCt { get; init; }

    public bool? BrainMri { get; init; }

    public bool? StagingComplete { get; init; }

    /// <summary>
    /// On an indeterminate case, every state the classifier reports as still possible (state ids, boxed
    /// once); null when the state is decided or nothing is known. A <c>classification.state</c> test on an
    /// indeterminate case is true when every possible state satisfies it, false when none does.
    /// </summary>
    public object[]? PossibleStates { get; init; }

    /// <summary>The possible values of <c>classification.oligometastatic</c> over <see cref="PossibleStates"/>.</summary>
    public object[]? PossibleOligometastatic { get; init; }

    /// <summary>Every recorded systemic therapy; null when therapies are not recorded.</summary>
    public TherapyFact[]? Therapies { get; init; }

    /// <summary>Every recorded lesion (mediastinal nodes included, flagged not countable); null when not recorded.</summary>
    public LesionFact[]? Lesions { get; init; }
}

/// <summary>One lesion as the rules see it; lesion quantifiers test the <see cref="PatientFacts.Lesions"/> array (lesions are not separate session facts).</summary>
internal sealed class LesionFact
{
    public string? Organ { get; init; }

    public string? Status { get; init; }

    public bool? Treatable { get; init; }

    public bool? Symptomatic { get; init; }

    public decimal? SizeMm { get; init; }

    public bool? Countable { get; init; }

    public bool? Diffuse { get; init; }

    public string? Location { get; init; }

    public string? BoneSite { get; init; }

    public bool? DetectedOnTherapy { get; init; }

    /// <summary>Whether the lesion's <c>detectedOn</c> is recorded (so an unknown <see cref="DetectedOnTherapy"/> is missing therapy dates).</summary>
    public bool DetectedOnRecorded { get; init; }
}

/// <summary>One systemic therapy as the rules see it; therapy quantifiers (<c>anyTherapy</c>, <c>allTherapies</c>, <c>countTherapies</c>) test the <see cref="PatientFacts.Therapies"/> array.</summary>
internal sealed class TherapyFact
{
    public string? Kind { get; init; }

    /// <summary>The regimen's drug classes (kebab-case ids); null when neither recorded nor implied by the kind.</summary>
    public string[]? DrugClass { get; init; }

    public bool? CheckpointInhibitor { get; init; }

    public bool? Chemotherapy { get; init; }

    public bool? Targeted { get; init; }

    public string? Setting { get; init; }

    public bool? Ongoing { get; init; }

    public decimal? Months { get; init; }

    public int? Cycles { get; init; }

    /// <summary>Days from the stop (the assessment date while ongoing) to the metastasis diagnosis; negative when it stopped after.</summary>
    public int? FreeIntervalDays { get; init; }

    public string? BestResponse { get; init; }

    public bool? Progressed { get; init; }
}
