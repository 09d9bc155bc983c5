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
        (int Progressing, int Undecided, string Basis)? progression = p.Metastases?.Lesions is null ? null : OligometastaticClassifier.ProgressionOf(p);
        var firstLine = FirstLineGroup(therapies);

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
            NonSquamous = histology is null or Model.Histology.Adenosquamous ? null : histology is Model.Histology.Adenocarcinoma or Model.Histology.LargeCell or Model.Histology.NsclcNos,
            StageGroup = p.Primary?.StageGroup,
            SclcExtent = p.Primary?.SclcExtent is { } ext ? KebabCase.Name(ext) : null,
            PrimaryControlled = p.Primary?.Controlled,
            Pdl1Tps = p.Biomarkers?.Pdl1Tps,
            Egfr = egfr is { } e ? KebabCase.Name(e) : null,
            EgfrClassic = egfr is null or EgfrStatus.MutatedUnspecified ? null : egfr is EgfrStatus.Exon19Deletion or EgfrStatus.L858r,
            Alk = alk is { } a ? KebabCase.Name(a) : null,
            Ros1 = ros1 is { } r ? KebabCase.Name(r) : null,
            Kras = kras is { } k ? KebabCase.Name(k) : null,
            ActionableDriver = ActionableDriver(egfr, alk, ros1),
            HistoryPolymetastatic = p.History?.Polymetastatic,
            HistoryOligometastatic = p.History?.Oligometastatic,
            AnyPriorSystemic = therapies is null ? null : therapies.Count > 0,
            OngoingSystemic = Any(therapies, t => Ongoing(t)),
            OngoingIci = Any(therapies, t => IsIci(t) ? Ongoing(t) : false),
            OngoingIciMonotherapy = And(
                Any(therapies, t => t.Kind == TherapyKind.Immunotherapy ? Ongoing(t) : false),
                Not(Any(therapies, t => IsChemotherapy(t) ? Ongoing(t) : false))),
            OngoingTargeted = Any(therapies, t => IsTargeted(t) ? Ongoing(t) : false),
            IciExposed = Any(therapies, t => IsIci(t)),
            ChemotherapyForMetastatic = Any(therapies, t => IsChemotherapy(t) ? ForMetastaticDisease(t, p.Metastases?.DiagnosedOn) : false),
            FirstLineWithoutProgression = FirstLineWithoutProgression(therapies, firstLine),
            FirstLineMonths = FirstLineMonths(firstLine, p.AssessedOn),
            FirstLineCycles = firstLine is { Count: > 0 } group && group.Any(t => t.Cycles is not null) ? group.Max(t => t.Cycles) : null,
            SettingAtMetastasis = SettingAtMetastasis(p),
            AnyProgressionOnTherapy = Any(therapies, t => t.BestResponse == Response.Progressive || t.ProgressedOn is not null),
            OngoingAntiAngiogenic = Any(therapies, t => IsAntiAngiogenic(t) ? Ongoing(t) : false),
            ConcurrentChemoradiotherapy = ConcurrentCrt(p),
            FdgPetCt = imaging is null ? null : imaging.Contains(ImagingModality.FdgPetCt),
            BrainMri = imaging is null ? null : imaging.Contains(ImagingModality.BrainMri),
            StagingComplete = imaging is null ? null : imaging.Contains(ImagingModality.FdgPetCt) && imaging.Contains(ImagingModality.BrainMri),
            Lesions = p.Metastases?.Lesions is { } lesions ? [.. lesions.Select(l => Lesion(l, therapies, p.AssessedOn))] : null,
            Therapies = therapies is null ? null : [.. therapies.Select(t => Therapy(t, p.AssessedOn, p.Metastases?.DiagnosedOn))],
            PossibleStates = indeterminate && c.PossibleStates.Count > 0 ? [.. c.PossibleStates.Select(s => (object)s.Id())] : null,
            PossibleOligometastatic = indeterminate && c.PossibleStates.Count > 0
                ? [.. c.PossibleStates.Select(s => s.IsOligometastatic()).Distinct().Order().Select(b => (object)b)]
                : null,
            ProgressingSites = progression?.Progressing,
            LimitedProgressionOnTherapy = LimitedProgression(p, progression),
            RegionalNodeCount = p.Metastases?.Lesions?.Count(l => l.IsRegionalNode),
            BrainMetastasisFree = BrainFree(p),
            PrimaryStatus = p.Primary?.Status is { } ps ? KebabCase.Name(ps) : null,
            EgfrAmplification = p.Biomarkers?.EgfrAmplification,
            Pdl1Positive = p.Biomarkers?.Pdl1Tps is { } tps ? tps >= 1 : p.Biomarkers?.Pdl1Positive,
            TreatmentIntent = p.TreatmentIntent is { } ti ? KebabCase.Name(ti) : null,
            Preference = p.Preference is { } pref ? KebabCase.Name(pref) : null,
        };
    }

    /// <summary>
    /// The oligoprogression trials' question (CURB; STOP and HALT in design): on systemic therapy, are
    /// 1 to 5 sites progressing, whatever the controlled burden? Unknown when the therapy status or a
    /// site's status is not recorded and could change the answer.
    /// </summary>
    private static bool? LimitedProgression(Patient p, (int Progressing, int Undecided, string Basis)? progression)
    {
        var active = OligometastaticClassifier.TherapyActiveAtDiagnosis(p);
        if (active == false)
        {
            return false;
        }

        if (progression is not { } pr)
        {
            return null;
        }

        if (pr.Progressing > 5)
        {
            return false;
        }

        if (pr.Progressing + pr.Undecided == 0)
        {
            return false;
        }

        return active == true && pr.Progressing >= 1 && pr.Progressing + pr.Undecided <= 5 ? true : null;
    }

    private static bool? BrainFree(Patient p)
    {
        if (p.Metastases?.Lesions is not { } lesions)
        {
            return null;
        }

        if (lesions.Any(l => l.Organ == Organ.Brain))
        {
            return false;
        }

        // No brain lesion is known only where the brain was imaged (brain MRI, Dingemans 2019).
        return p.Metastases.Imaging?.Contains(ImagingModality.BrainMri) == true ? true : null;
    }

    /// <summary>The value of <c>therapy.settingAtMetastasis</c> when no systemic therapy was active at diagnosis.</summary>
    internal const string NoTherapy = "none";

    private static string? SettingAtMetastasis(Patient p)
    {
        if (p.Metastases?.DiagnosedOn is not { } metDate || p.SystemicTherapies is not { } therapies)
        {
            return null;
        }

        if (OligometastaticClassifier.TherapyActiveAtDiagnosis(p) == false)
        {
            return NoTherapy;
        }

        var active = therapies.Where(t => t.ActiveOn(metDate, p.AssessedOn) == true).ToList();
        if (active.Count == 0 || active.Any(t => t.Setting is null))
        {
            return null;
        }

        var settings = active.Select(t => t.Setting!.Value).Distinct().ToList();
        return settings.Count == 1 ? KebabCase.Name(settings[0]) : null;
    }

    private static LesionFact Lesion(Lesion l, IReadOnlyList<SystemicTherapy>? therapies, DateOnly assessedOn) => new()
    {
        DetectedOnTherapy = l.DetectedOn is { } detected ? Any(therapies, t => DetectedOn(t, detected, assessedOn)) : null,
        DetectedOnRecorded = l.DetectedOn is not null,
        Diffuse = l.Diffuse,
        Organ = l.Organ is { } o ? KebabCase.Name(o) : null,
        Status = l.Status is { } s ? KebabCase.Name(s) : null,
        Treatable = l.Treatable,
        Symptomatic = l.Symptomatic,
        SizeMm = l.SizeMm,
        Countable = l.Organ is null ? null : l.IsCountable,
        Location = l.Location is { } loc ? KebabCase.Name(loc) : null,
        BoneSite = l.BoneSite is { } b ? KebabCase.Name(b) : null,
    };

    /// <summary>
    /// Whether a lesion first seen on <paramref name="detected"/> arose on therapy <paramref name="t"/>: seen after the
    /// day it started (a scan on the first day is the baseline, so the lesion was there before) and while it was
    /// still given (the stop day included: progression found on a scan is often why a therapy stops). Unknown when
    /// a start or stop that decides it is not recorded.
    /// </summary>
    internal static bool? DetectedOn(SystemicTherapy t, DateOnly detected, DateOnly assessedOn) =>
        t.StartedOn is { } started && detected <= started ? false : t.ActiveOn(detected, assessedOn);

    /// <summary>
    /// One therapy's fields for the therapy quantifiers. Drug classes come from the record, else from a
    /// kind that implies exactly one class (chemotherapy, EGFR-TKI, ALK-TKI, other targeted, anti-angiogenic);
    /// months run from the start to the stop, or to the assessment date while ongoing (days / 30.4375, one
    /// decimal); progressed is true with a progression date or a progressive best response, false with a
    /// complete, partial or stable best response and no progression date, unknown otherwise; the free
    /// interval runs from the stop (the assessment date while ongoing) to the metastasis diagnosis, in days.
    /// </summary>
    private static TherapyFact Therapy(SystemicTherapy t, DateOnly assessedOn, DateOnly? metastasesDiagnosedOn)
    {
        var classes = t.DrugClasses is { } dc ? dc : t.Kind switch
        {
            TherapyKind.Chemotherapy => [DrugClass.Chemotherapy],
            TherapyKind.EgfrTki => [DrugClass.EgfrTki],
            TherapyKind.AlkTki => [DrugClass.AlkTki],
            TherapyKind.OtherTargeted => [DrugClass.OtherTargeted],
            TherapyKind.AntiAngiogenic => [DrugClass.Vegf],
            _ => (IReadOnlyList<DrugClass>?)null,
        };
        // "other" without a list of classes says nothing about what the regimen contains.
        var known = t.DrugClasses is not null || t.Kind is not (null or TherapyKind.Other);
        var ongoing = Ongoing(t);
        DateOnly? end = t.StoppedOn ?? (ongoing == true ? assessedOn : null);
        return new TherapyFact
        {
            Kind = t.Kind is { } k ? KebabCase.Name(k) : null,
            DrugClass = classes is null ? null : [.. classes.Select(c => KebabCase.Name(c)).Distinct().Order(StringComparer.Ordinal)],
            CheckpointInhibitor = known ? IsIci(t) : null,
            Chemotherapy = known ? IsChemotherapy(t) : null,
            Targeted = known ? IsTargeted(t) : null,
            Setting = t.Setting is { } s ? KebabCase.Name(s) : null,
            Ongoing = ongoing,
            Months = t.StartedOn is { } start && end is { } e ? Math.Round((e.DayNumber - start.DayNumber) / 30.4375m, 1) : null,
            Cycles = t.Cycles,
            FreeIntervalDays = end is { } stop && metastasesDiagnosedOn is { } met ? met.DayNumber - stop.DayNumber : null,
            BestResponse = t.BestResponse is { } r and not Response.Unknown ? KebabCase.Name(r) : null,
            Progressed = t.ProgressedOn is not null || t.BestResponse == Response.Progressive ? true
                : t.BestResponse is Response.Complete or Response.Partial or Response.Stable ? false : null,
        };
    }

    private static bool? ActionableDriver(EgfrStatus? egfr, MarkerStatus? alk, MarkerStatus? ros1)
    {
        if (egfr is not null and not EgfrStatus.Negative || alk == MarkerStatus.Positive || ros1 == MarkerStatus.Positive)
        {
            return true;
        }

        return egfr == EgfrStatus.Negative && alk == MarkerStatus.Negative && ros1 == MarkerStatus.Negative ? false : null;
    }

    private static bool IsIci(SystemicTherapy t) =>
        t.Kind is TherapyKind.Immunotherapy or TherapyKind.ChemoImmunotherapy
        || t.DrugClasses?.Any(c => c is DrugClass.Pd1 or DrugClass.Pdl1 or DrugClass.Ctla4) == true;

    private static bool IsAntiAngiogenic(SystemicTherapy t) =>
        t.Kind == TherapyKind.AntiAngiogenic || t.DrugClasses?.Contains(DrugClass.Vegf) == true;

    private static bool IsChemotherapy(SystemicTherapy t) =>
        t.Kind is TherapyKind.Chemotherapy or TherapyKind.ChemoImmunotherapy || t.DrugClasses?.Contains(DrugClass.Chemotherapy) == true;

    /// <summary>
    /// Was this therapy given for metastatic disease? Its setting says so when recorded (first-line metastatic or a
    /// later line: yes; neoadjuvant, adjuvant, consolidation or with definitive chemoradiotherapy: no); else its start against the metastasis
    /// diagnosis (on or after: yes; before: no, e.g. adjuvant chemotherapy years earlier); unknown otherwise.
    /// </summary>
    private static bool? ForMetastaticDisease(SystemicTherapy t, DateOnly? metastasesDiagnosedOn) => t.Setting switch
    {
        TherapySetting.FirstLineMetastatic or TherapySetting.LaterLine => true,
        TherapySetting.Neoadjuvant or TherapySetting.Adjuvant or TherapySetting.Consolidation
            or TherapySetting.DefinitiveChemoradiotherapy => false,
        _ => t.StartedOn is { } start && metastasesDiagnosedOn is { } met ? start >= met : null,
    };

    private static bool IsTargeted(SystemicTherapy t) =>
        t.Kind is TherapyKind.EgfrTki or TherapyKind.AlkTki or TherapyKind.OtherTargeted
        || t.DrugClasses?.Any(c => c is DrugClass.EgfrTki or DrugClass.AlkTki or DrugClass.OtherTargeted) == true;

    /// <summary>Ongoing on the assessment date: a stop date says no, <c>ongoing</c> says yes or no, neither is unknown.</summary>
    private static bool? Ongoing(SystemicTherapy t) => t.StoppedOn is not null ? false : t.Ongoing;

    /// <summary>Kleene "exists": true when some therapy is true, false when all are false, unknown otherwise.</summary>
    private static bool? Any(IReadOnlyList<SystemicTherapy>? therapies, Func<SystemicTherapy, bool?> predicate)
    {
        if (therapies is null)
        {
            return null;
        }

        var unknown = false;
        foreach (var t in therapies)
        {
            switch (predicate(t))
            {
                case true: return true;
                case null: unknown = true; break;
            }
        }

        return unknown ? null : false;
    }

    private static bool? And(bool? a, bool? b) => a == false || b == false ? false : a == true && b == true ? true : null;

    private static bool? Not(bool? a) => a is null ? null : !a;

    /// <summary>
    /// The therapies of the first line for metastatic disease, independent of list order: when any
    /// therapy records its setting, every therapy with setting first-line-metastatic (induction and
    /// maintenance); otherwise every therapy started on the earliest start date (same-day entries are
    /// one line). Null when the therapies are not recorded or a candidate has no start date; empty when
    /// no first line was given.
    /// </summary>
    private static List<SystemicTherapy>? FirstLineGroup(IReadOnlyList<SystemicTherapy>? therapies)
    {
        if (therapies is null)
        {
            return null;
        }

        if (therapies.Any(t => t.Setting is not null))
        {
            var firstLine = therapies.Where(t => t.Setting == TherapySetting.FirstLineMetastatic).ToList();
            return therapies.Any(t => t.Setting is null) && firstLine.Count == 0 ? null : firstLine;
        }

        if (therapies.Any(t => t.StartedOn is null))
        {
            return null;
        }

        if (therapies.Count == 0)
        {
            return [];
        }

        var earliest = therapies.Min(t => t.StartedOn);
        return [.. therapies.Where(t => t.StartedOn == earliest)];
    }

    /// <summary>
    /// No progression in the first line: false when a first-line entry progressed (best response
    /// progressive or a progression date) or a later line has started; unknown when a response is not
    /// recorded; false when no first line was given.
    /// </summary>
    private static bool? FirstLineWithoutProgression(IReadOnlyList<SystemicTherapy>? therapies, List<SystemicTherapy>? group)
    {
        if (group is null)
        {
            return therapies?.Any(t => t.Setting == TherapySetting.LaterLine) == true ? false : null;
        }

        if (group.Count == 0
            || group.Any(t => t.BestResponse == Response.Progressive || t.ProgressedOn is not null)
            || therapies!.Any(t => t.Setting == TherapySetting.LaterLine))
        {
            return false;
        }

        return group.All(t => t.BestResponse is Response.Complete or Response.Partial or Response.Stable) ? true : null;
    }

    /// <summary>
    /// Months on the first line without progression: from its first start to the first progression
    /// date, else to its last stop (or the assessment date when it is ongoing); unknown when its end is
    /// not recorded. Months are days / 30.4375, to one decimal.
    /// </summary>
    private static decimal? FirstLineMonths(List<SystemicTherapy>? group, DateOnly assessedOn)
    {
        if (group is not { Count: > 0 } || group.Any(t => t.StartedOn is null))
        {
            return null;
        }

        var start = group.Min(t => t.StartedOn!.Value);
        DateOnly end;
        if (group.Where(t => t.ProgressedOn is not null).Select(t => t.ProgressedOn!.Value).DefaultIfEmpty().Min() is var firstProgression
            && group.Any(t => t.ProgressedOn is not null))
        {
            end = firstProgression;
        }
        else if (group.Any(t => Ongoing(t) == true))
        {
            end = assessedOn;
        }
        else if (group.All(t => t.StoppedOn is not null))
        {
            end = group.Max(t => t.StoppedOn!.Value);
        }
        else
        {
            return null;
        }

        return Math.Round((end.DayNumber - start.DayNumber) / 30.4375m, 1);
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
