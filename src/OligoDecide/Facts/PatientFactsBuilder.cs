using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Model;

namespace OligoDecide.Facts;

/// <summary>Derives the rule facts of one patient from the patient and its classification.</summary>
internal static class PatientFactsBuilder
{
    public static PatientFacts Build(Patient p, ClassificationResult c)
    {
        var therapies = p.SystemicTherapies;
        var histology = p.Primary?.Histology;
        var egfr = p.Biomarkers?.Egfr is EgfrStatus.Unknown ? null : p.Biomarkers?.Egfr;
        var alk = p.Biomarkers?.Alk is MarkerStatus.Unknown ? null : p.Biomarkers?.Alk;
        var ros1 = p.Biomarkers?.Ros1 is MarkerStatus.Unknown ? null : p.Biomarkers?.Ros1;
        var kras = p.Biomarkers?.Kras is KrasStatus.Unknown ? null : p.Biomarkers?.Kras;
        var imaging = p.Metastases?.Imaging;
        var indeterminate = c.State == OligometastaticState.Indeterminate;

        return new PatientFacts
        {
            State = indeterminate ? null : c.State.Id(),
            Category = indeterminate && c.Category == StateCategory.None ? null : c.Category.Id(),
            Oligometastatic = indeterminate ? null : c.IsOligometastatic,
            Decided = indeterminate ? null : true,
            LesionCount = c.LesionCount,
            OrganCount = c.OrganCount,
            AgeYears = p.AgeYears,
            Ecog = p.Ecog,
            Sex = p.Sex is { } sex && sex != Model.Sex.Unknown ? KebabCase.Name(sex) : null,
            Smoking = p.Smoking is { } sm ? KebabCase.Name(sm) : null,
            Histology = histology is { } h ? KebabCase.Name(h) : null,
            NonSmallCell = histology is null ? null : histology != Model.Histology.SmallCell,
            NonSquamous = histology is null ? null : histology is Model.Histology.Adenocarcinoma or Model.Histology.LargeCell or Model.Histology.NsclcNos,
            StageGroup = p.Primary?.StageGroup,
            SclcExtent = p.Primary?.SclcExtent is { } ext ? KebabCase.Name(ext) : null,
            PrimaryControlled = p.Primary?.Controlled,
            Pdl1Tps = p.Biomarkers?.Pdl1Tps,
            Egfr = egfr is { } e ? KebabCase.Name(e) : null,
            EgfrClassic = egfr is null ? null : egfr is EgfrStatus.Exon19Deletion or EgfrStatus.L858r,
            Alk = alk is { } a ? KebabCase.Name(a) : null,
            Ros1 = ros1 is { } r ? KebabCase.Name(r) : null,
            Kras = kras is { } k ? KebabCase.Name(k) : null,
            ActionableDriver = ActionableDriver(egfr, alk, ros1),
            HistoryPolymetastatic = p.History?.Polymetastatic,
            HistoryOligometastatic = p.History?.Oligometastatic,
            AnyPriorSystemic = therapies is null ? null : therapies.Count > 0,
            OngoingSystemic = Any(therapies, t => Ongoing(t, p)),
            OngoingIci = Any(therapies, t => Ongoing(t, p) && IsIci(t.Kind)),
            OngoingIciMonotherapy = therapies is null ? null
                : therapies.Any(t => Ongoing(t, p) && t.Kind == TherapyKind.Immunotherapy)
                  && !therapies.Any(t => Ongoing(t, p) && t.Kind is TherapyKind.Chemotherapy or TherapyKind.ChemoImmunotherapy),
            OngoingTargeted = Any(therapies, t => Ongoing(t, p) && t.Kind is TherapyKind.EgfrTki or TherapyKind.AlkTki or TherapyKind.OtherTargeted),
            IciExposed = Any(therapies, t => IsIci(t.Kind)),
            ChemotherapyExposed = Any(therapies, t => t.Kind is TherapyKind.Chemotherapy or TherapyKind.ChemoImmunotherapy),
            FirstLineWithoutProgression = FirstLine(therapies),
            AnyProgressionOnTherapy = Any(therapies, t => t.BestResponse == Response.Progressive),
            ConcurrentChemoradiotherapy = ConcurrentCrt(p),
            FdgPetCt = imaging is null ? null : imaging.Contains(ImagingModality.FdgPetCt),
            BrainMri = imaging is null ? null : imaging.Contains(ImagingModality.BrainMri),
            StagingComplete = imaging is null ? null : imaging.Contains(ImagingModality.FdgPetCt) && imaging.Contains(ImagingModality.BrainMri),
            Lesions = p.Metastases?.Lesions is { } lesions ? [.. lesions.Select(Lesion)] : null,
        };
    }

    private static LesionFact Lesion(Lesion l) => new()
    {
        Organ = l.Organ is { } o ? KebabCase.Name(o) : null,
        Status = l.Status is { } s ? KebabCase.Name(s) : null,
        Treatable = l.Treatable,
        Symptomatic = l.Symptomatic,
        SizeMm = l.SizeMm,
        Countable = l.Organ is null ? null : l.IsCountable,
    };

    private static bool? ActionableDriver(EgfrStatus? egfr, MarkerStatus? alk, MarkerStatus? ros1)
    {
        if (egfr is not null and not EgfrStatus.Negative || alk == MarkerStatus.Positive || ros1 == MarkerStatus.Positive)
        {
            return true;
        }

        return egfr == EgfrStatus.Negative && alk == MarkerStatus.Negative && ros1 == MarkerStatus.Negative ? false : null;
    }

    private static bool IsIci(TherapyKind? kind) => kind is TherapyKind.Immunotherapy or TherapyKind.ChemoImmunotherapy;

    private static bool Ongoing(SystemicTherapy t, Patient p) => t.StoppedOn is null && (t.StartedOn is null || t.StartedOn <= p.AssessedOn);

    private static bool? Any(IReadOnlyList<SystemicTherapy>? therapies, Func<SystemicTherapy, bool> predicate) =>
        therapies is null ? null : therapies.Any(predicate);

    private static bool? FirstLine(IReadOnlyList<SystemicTherapy>? therapies)
    {
        if (therapies is null)
        {
            return null;
        }

        if (therapies.Count == 0)
        {
            return false;
        }

        if (therapies.Any(t => t.StartedOn is null))
        {
            return null;
        }

        var first = therapies.MinBy(t => t.StartedOn)!;
        return first.BestResponse switch
        {
            Response.Complete or Response.Partial or Response.Stable => true,
            Response.Progressive => false,
            _ => null,
        };
    }

    private static bool? ConcurrentCrt(Patient p)
    {
        if (p.Radiotherapy is null || p.SystemicTherapies is null)
        {
            return null;
        }

        var unknown = false;
        foreach (var rt in p.Radiotherapy)
        {
            foreach (var t in p.SystemicTherapies.Where(t => t.Kind is TherapyKind.Chemotherapy or TherapyKind.ChemoImmunotherapy))
            {
                if (rt.StartedOn is null || t.StartedOn is null)
                {
                    unknown = true;
                    continue;
                }

                var rtEnd = rt.StoppedOn ?? p.AssessedOn;
                var tEnd = t.StoppedOn ?? p.AssessedOn;
                if (rt.StartedOn <= tEnd && t.StartedOn <= rtEnd)
                {
                    return true;
                }
            }
        }

        return unknown ? null : false;
    }
}
