namespace OligoDecide.Model;

/// <summary>
/// Where a lung lesion lies relative to the central airways and mediastinum: the fact the SBRT schedule of a
/// lung lesion turns on (SABR-COMET protocol Table 1; RTOG 0813; HILUS).
/// </summary>
public enum LungLocation
{
    /// <summary>surrounded by lung parenchyma, not abutting the chest wall and more than 2 cm from the proximal bronchial tree and mediastinum</summary>
    Peripheral,

    /// <summary>abutting the chest wall, more than 2 cm from the proximal bronchial tree and mediastinum</summary>
    ChestWall,

    /// <summary>within 2 cm of the proximal bronchial tree or the mediastinum, not touching them</summary>
    Central,

    /// <summary>touching the proximal bronchial tree, trachea or oesophagus (the planning target volume overlaps them)</summary>
    Ultracentral,
}

/// <summary>Which bone a bone lesion is in: the SABR-COMET protocol gives the spine extra schedules and excludes the femur.</summary>
public enum BoneSite
{
    /// <summary>a vertebral body</summary>
    Spine,

    /// <summary>the femur (outside the SABR-COMET bone schedule)</summary>
    Femur,

    /// <summary>any other bone</summary>
    Other,
}

/// <summary>Which of the patient's lesions an option with dose schedules treats.</summary>
public enum TreatedLesions
{
    /// <summary>every countable metastasis (mediastinal nodes excluded)</summary>
    AllCountable,

    /// <summary>only the countable lesions that are new or progressing on current imaging</summary>
    Progressing,

    /// <summary>one lesion, chosen by the board among the countable lesions judged treatable (each is listed as a candidate; one whose treatability is not recorded is listed without a schedule)</summary>
    One,
}
