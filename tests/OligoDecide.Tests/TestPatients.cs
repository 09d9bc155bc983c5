using OligoDecide.Model;

namespace OligoDecide.Tests;

/// <summary>Builds patients in code for classifier tests: a complete de novo case by default, changed with <c>with</c>.</summary>
internal static class TestPatients
{
    public static readonly DateOnly Assessed = new(2026, 6, 30);

    /// <summary>A lesion of the given organ; status <c>new</c> unless told.</summary>
    public static Lesion Lesion(Organ organ, LesionStatus? status = LesionStatus.New) => new() { Organ = organ, Status = status };

    /// <summary><paramref name="count"/> lesions in one organ.</summary>
    public static IEnumerable<Lesion> Lesions(Organ organ, int count, LesionStatus? status = LesionStatus.New) =>
        Enumerable.Range(0, count).Select(_ => Lesion(organ, status));

    public static SystemicTherapy Therapy(DateOnly? startedOn, DateOnly? stoppedOn = null, TherapyKind kind = TherapyKind.Chemotherapy) =>
        new() { Name = "regimen", Kind = kind, StartedOn = startedOn, StoppedOn = stoppedOn, Ongoing = stoppedOn is null ? true : null };

    /// <summary>
    /// De novo (history both false), adenocarcinoma diagnosed 2025-01-15, metastases diagnosed on
    /// <paramref name="metastasesOn"/> (default 2025-02-01: synchronous), staged with FDG-PET-CT and
    /// brain MRI, no systemic therapy, the given lesions (default one new bone lesion).
    /// </summary>
    public static Patient DeNovo(IEnumerable<Lesion>? lesions = null, DateOnly? metastasesOn = null) => new()
    {
        Id = "test",
        AssessedOn = Assessed,
        Primary = new PrimaryTumour { Histology = Histology.Adenocarcinoma, DiagnosedOn = new DateOnly(2025, 1, 15), Controlled = true },
        History = new MetastaticHistory { Polymetastatic = false, Oligometastatic = false },
        SystemicTherapies = [],
        Metastases = new Metastases
        {
            DiagnosedOn = metastasesOn ?? new DateOnly(2025, 2, 1),
            Imaging = [ImagingModality.FdgPetCt, ImagingModality.BrainMri],
            Lesions = [.. lesions ?? [Lesion(Organ.Bone)]],
        },
    };

    /// <summary>A metachronous case (metastases 2025-12-01, primary 2025-01-15) with the given therapies.</summary>
    public static Patient Metachronous(params SystemicTherapy[] therapies) =>
        DeNovo(metastasesOn: new DateOnly(2025, 12, 1)) with { SystemicTherapies = therapies };

    /// <summary>Oligometastatic before (<paramref name="induced"/>: polymetastatic before), metastases 2025-12-01.</summary>
    public static Patient Previously(bool induced, IEnumerable<Lesion> lesions, params SystemicTherapy[] therapies) =>
        DeNovo(lesions, new DateOnly(2025, 12, 1)) with
        {
            History = new MetastaticHistory { Polymetastatic = induced, Oligometastatic = !induced },
            SystemicTherapies = therapies,
        };

    /// <summary>Sets the primary's and the metastases' diagnosis dates.</summary>
    public static Patient WithDates(this Patient patient, DateOnly? primaryOn, DateOnly? metastasesOn) => patient with
    {
        Primary = patient.Primary! with { DiagnosedOn = primaryOn },
        Metastases = patient.Metastases! with { DiagnosedOn = metastasesOn },
    };
}
