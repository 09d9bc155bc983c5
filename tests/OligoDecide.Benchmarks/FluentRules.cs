using NRules;
using NRules.Fluent;
using NRules.Fluent.Dsl;

namespace OligoDecide.Benchmarks.Fluent;

// The default rules hand-written in the NRules fluent DSL. Facts: one FactsView and its LesionView
// lesions; chaining through FiredOption. Conditions are the "is true" half of three-valued logic
// (== true / lifted comparisons), exactly as the YAML compiler emits them.

/// <summary>Compiles the fluent rules once; <see cref="Evaluate"/> runs one session per patient.</summary>
public sealed class FluentEngine
{
    private readonly ISessionFactory factory;

    public FluentEngine()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(FluentEngine).Assembly).Where(r => r.IsTagged(Tags.Default)));
        factory = repository.Compile();
    }

    public List<string> Evaluate(FactsView f)
    {
        var session = factory.CreateSession();
        session.Insert(f);
        if (f.Lesions is { Length: > 0 } lesions)
        {
            session.InsertAll(lesions);
        }

        session.Fire();
        return [.. session.Query<FiredOption>().AsEnumerable().Select(o => o.Option)];
    }
}

internal static class Tags
{
    public const string Default = "default";
}

internal static class Q
{
    /// <summary>The options tagged <c>local-therapy-metastases</c> in the rule files (the timing cautions chain on the tag).</summary>
    public static readonly HashSet<string> LocalTherapyMetastases = ["lct-all-sites-after-first-line", "egfr-tki-plus-rt-all-sites", "lat-then-pembrolizumab", "sabr-all-metastases", "oligoprogression-lat-continue-systemic", "lat-oligopersistence", "sbrt-plus-pembrolizumab", "radical-treatment-primary-and-solitary-metastasis"];

    public static bool AllTreatable(LesionView[]? lesions) => lesions is not null && lesions.All(l => l.Treatable == true);

    /// <summary>The brain's status is known: imaged free of metastases, or a brain lesion is recorded.</summary>
    public static bool BrainKnown(bool? metastasisFree, LesionView[]? lesions) => metastasisFree == true || (lesions is not null && lesions.Any(l => l.Organ == "brain"));

    /// <summary>Untreated metastatic NSCLC (the named condition <c>untreated-metastatic-nsclc</c> of rules/08).</summary>
    public static bool Untreated(FactsView x) =>
        FactsView.In(x, "synchronous-oligometastatic|metachronous-oligorecurrence|repeat-oligorecurrence|polymetastatic") && x.NonSmallCell == true && x.AnyPriorSystemic == false;

    public static bool NoSymptomaticBrain(LesionView[]? lesions) => lesions is not null && lesions.All(l => l.Organ != "brain" || l.Symptomatic == false);

    public static bool FirstLineChemotherapyResponse(TherapyView[]? therapies) =>
        therapies is not null && therapies.Any(t => t.Setting == "first-line-metastatic" && t.Chemotherapy == true && (t.BestResponse == "complete" || t.BestResponse == "partial"));

    public static bool AnyEgfrTki(TherapyView[]? therapies, bool progressed) =>
        therapies is not null && therapies.Any(t => t.EgfrTki == true && t.Ongoing == true && (!progressed || t.Progressed == true));

    public static bool NoMovingUntreatable(LesionView[]? lesions) =>
        lesions is not null && lesions.All(l => (l.Status != null && l.Status != "new" && l.Status != "progressing") || l.Treatable == true);
}

[Tag(Tags.Default)]
public sealed class MdtDiscussion : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Oligometastatic == true);
        Then().Do(ctx => ctx.Insert(new FiredOption("mdt-discussion")));
    }
}

[Tag(Tags.Default)]
public sealed class PatientDeclinesLocalTherapy : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Decided == true, x => x.Preference == "declines-local-therapy");
        Then().Do(ctx => ctx.Insert(new FiredOption("patient-declines-local-therapy")));
    }
}

[Tag(Tags.Default)]
public sealed class SymptomaticSpinalMetastasis : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Decided == true).Exists<LesionView>(l => LesionView.SymptomaticSpine(l));
        Then().Do(ctx => ctx.Insert(new FiredOption("symptomatic-spinal-metastasis")));
    }
}

[Tag(Tags.Default)]
public sealed class StagingIncomplete : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Decided == true, x => x.LesionCount >= 1, x => x.StagingComplete == false);
        Then().Do(ctx => ctx.Insert(new FiredOption("staging-incomplete")));
    }
}

[Tag(Tags.Default)]
public sealed class BiopsySolitaryMetastasis : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => FactsView.In(x, "synchronous-oligometastatic"), x => x.LesionCount == 1);
        Then().Do(ctx => ctx.Insert(new FiredOption("biopsy-solitary-metastasis")));
    }
}

[Tag(Tags.Default)]
public sealed class BrainMetastasesOutsideGuideline : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Decided == true).Exists<LesionView>(l => l.Organ == "brain");
        Then().Do(ctx => ctx.Insert(new FiredOption("brain-metastases-outside-guideline")));
    }
}

[Tag(Tags.Default)]
public sealed class SystemicTherapyPolymetastatic : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => FactsView.In(x, "polymetastatic"));
        Then().Do(ctx => ctx.Insert(new FiredOption("systemic-therapy-polymetastatic")));
    }
}

[Tag(Tags.Default)]
public sealed class LctAllSitesAfterFirstLine : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f,
            x => FactsView.In(x, "synchronous-oligometastatic|repeat-oligopersistence|induced-oligopersistence"),
            x => x.NonSmallCell == true,
            x => x.LesionCount <= 3,
            x => Q.AllTreatable(x.Lesions),
            x => x.FirstLineWithoutProgression == true,
            x => x.FirstLineCycles >= 4 || x.FirstLineMonths >= 3,
            x => Q.BrainKnown(x.BrainMetastasisFree, x.Lesions),
            x => x.Ecog <= 2, x => FactsView.LocalNotDeclined(x), x => FactsView.RadicalNotExcluded(x));
        Then().Do(ctx => ctx.Insert(new FiredOption("lct-all-sites-after-first-line")));
    }
}

[Tag(Tags.Default)]
public sealed class CautionLctAfterChemoImmunotherapy : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        FiredOption s = null!;
        When().Match(() => s, o => o.Option == "lct-all-sites-after-first-line").Match(() => f, x => x.IciExposed == true);
        Then().Do(ctx => ctx.Insert(new FiredOption("caution-lct-after-chemo-immunotherapy")));
    }
}

[Tag(Tags.Default)]
public sealed class EgfrTkiPlusRtAllSites : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => FactsView.In(x, "synchronous-oligometastatic"), x => x.EgfrClassic == true, x => x.Histology == "adenocarcinoma", x => x.AnyPriorSystemic == false, x => x.LesionCount <= 5,
            x => x.MaxLesionsPerOrgan <= 2, x => Q.AllTreatable(x.Lesions), x => x.BrainMetastasisFree == true, x => x.Ecog <= 1, x => FactsView.LocalNotDeclined(x), x => FactsView.RadicalNotExcluded(x));
        Then().Do(ctx => ctx.Insert(new FiredOption("egfr-tki-plus-rt-all-sites")));
    }
}

[Tag(Tags.Default)]
public sealed class LatThenPembrolizumab : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f,
            x => FactsView.In(x, "synchronous-oligometastatic|metachronous-oligorecurrence"),
            x => x.NonSmallCell == true,
            x => x.ActionableDriver == false,
            x => x.LesionCount <= 4,
            x => Q.AllTreatable(x.Lesions),
            x => Q.BrainKnown(x.BrainMetastasisFree, x.Lesions),
            x => x.IciExposed == false,
            x => FactsView.PembrolizumabAloneStandard(x),
            x => x.Ecog <= 1, x => FactsView.LocalNotDeclined(x), x => FactsView.RadicalNotExcluded(x));
        Then().Do(ctx => ctx.Insert(new FiredOption("lat-then-pembrolizumab")));
    }
}

[Tag(Tags.Default)]
public sealed class SabrAllMetastases : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f,
            x => FactsView.In(x, "metachronous-oligorecurrence|repeat-oligorecurrence"),
            x => x.PrimaryControlled == true,
            x => x.LesionCount >= 1 && x.LesionCount <= 5,
            x => Q.AllTreatable(x.Lesions),
            x => x.BrainMetastasisFree == true,
            x => x.Ecog <= 1,
            x => x.NonSmallCell == true, x => FactsView.LocalNotDeclined(x), x => FactsView.RadicalNotExcluded(x));
        Then().Do(ctx => ctx.Insert(new FiredOption("sabr-all-metastases")));
    }
}

[Tag(Tags.Default)]
public sealed class CautionSabrToxicity : Rule
{
    public override void Define()
    {
        FiredOption s = null!;
        When().Match(() => s, o => o.Option == "sabr-all-metastases");
        Then().Do(ctx => ctx.Insert(new FiredOption("caution-sabr-toxicity")));
    }
}

[Tag(Tags.Default)]
public sealed class OligoprogressionLatContinueSystemic : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f,
            x => FactsView.In(x, "metachronous-oligoprogression|repeat-oligoprogression|induced-oligoprogression")
                || (FactsView.In(x, "polymetastatic") && x.LimitedProgressionOnTherapy == true),
            x => x.SettingAtMetastasis == "first-line-metastatic" || x.SettingAtMetastasis == "later-line",
            x => Q.NoMovingUntreatable(x.Lesions),
            x => x.NonSmallCell == true,
            x => x.Ecog <= 1, x => FactsView.LocalNotDeclined(x));
        Then().Do(ctx => ctx.Insert(new FiredOption("oligoprogression-lat-continue-systemic")));
    }
}

[Tag(Tags.Default)]
public sealed class LatOligopersistence : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => FactsView.In(x, "repeat-oligopersistence|induced-oligopersistence"), x => Q.AllTreatable(x.Lesions),
            x => x.NonSmallCell == true, x => x.Ecog <= 1, x => FactsView.LocalNotDeclined(x), x => FactsView.RadicalNotExcluded(x));
        Then().Do(ctx => ctx.Insert(new FiredOption("lat-oligopersistence")));
    }
}

[Tag(Tags.Default)]
public sealed class SbrtPlusPembrolizumab : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Decided == true, x => x.LesionCount >= 2 || (x.LesionCount >= 1 && x.PrimaryControlled == false), x => x.NonSmallCell == true, x => x.ActionableDriver == false, x => x.IciExposed == false,
                x => FactsView.PembrolizumabAloneStandard(x), x => FactsView.LocalNotDeclined(x), x => x.Ecog <= 1)
            .Exists<LesionView>(l => l.Treatable == true && l.Countable == true);
        Then().Do(ctx => ctx.Insert(new FiredOption("sbrt-plus-pembrolizumab")));
    }
}

[Tag(Tags.Default)]
public sealed class CautionLiverMetastasesIciMonotherapy : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Decided == true, x => x.NonSmallCell == true,
                x => x.OngoingIciMonotherapy == true || (x.IciExposed == false && x.ActionableDriver == false && x.NonSmallCell == true))
            .Exists<LesionView>(l => l.Organ == "liver");
        Then().Do(ctx => ctx.Insert(new FiredOption("caution-liver-metastases-ici-monotherapy")));
    }
}

[Tag(Tags.Default)]
public sealed class ChemoImmunotherapyLiverMetastases : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Decided == true, x => x.NonSquamous == true, x => x.ActionableDriver == false, x => x.AnyPriorSystemic == false, x => x.Ecog <= 1)
            .Exists<LesionView>(l => l.Organ == "liver");
        Then().Do(ctx => ctx.Insert(new FiredOption("chemo-immunotherapy-liver-metastases")));
    }
}

[Tag(Tags.Default)]
public sealed class LiverDirectedRtInvestigational : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => FactsView.In(x, "polymetastatic"), x => x.NonSmallCell == true,
                x => x.OngoingIci == true || (x.IciExposed == false && x.ActionableDriver == false && x.NonSmallCell == true), x => FactsView.LocalNotDeclined(x))
            .Exists<LesionView>(l => l.Organ == "liver");
        Then().Do(ctx => ctx.Insert(new FiredOption("liver-directed-rt-investigational")));
    }
}

[Tag(Tags.Default)]
public sealed class ChemoImmunotherapyEsSclc : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Decided == true, x => x.Histology == "small-cell", x => x.SclcExtent == "extensive", x => x.AnyPriorSystemic == false, x => x.Ecog <= 1);
        Then().Do(ctx => ctx.Insert(new FiredOption("chemo-immunotherapy-es-sclc")));
    }
}

[Tag(Tags.Default)]
public sealed class LdrtPlusDurvalumabEp : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Decided == true, x => x.Histology == "small-cell", x => x.SclcExtent == "extensive", x => x.AnyPriorSystemic == false, x => x.Ecog <= 1, x => FactsView.LocalNotDeclined(x));
        Then().Do(ctx => ctx.Insert(new FiredOption("ldrt-plus-durvalumab-ep")));
    }
}

[Tag(Tags.Default)]
public sealed class AlkTkiFirstLine : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Decided == true, x => FactsView.NoneIn(x, "no-metastatic-disease"), x => x.NonSmallCell == true,
            x => x.Alk == "positive", x => x.AnyPriorSystemic == false, x => Q.NoSymptomaticBrain(x.Lesions), x => x.Ecog <= 2);
        Then().Do(ctx => ctx.Insert(new FiredOption("alk-tki-first-line")));
    }
}

[Tag(Tags.Default)]
public sealed class Ros1TkiFirstLine : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Decided == true, x => FactsView.NoneIn(x, "no-metastatic-disease"), x => x.NonSmallCell == true,
            x => x.Ros1 == "positive", x => x.AnyPriorSystemic == false, x => Q.NoSymptomaticBrain(x.Lesions), x => x.Ecog <= 2);
        Then().Do(ctx => ctx.Insert(new FiredOption("ros1-tki-first-line")));
    }
}

[Tag(Tags.Default)]
public sealed class PlatinumEtoposideRechallengeSclc : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Decided == true, x => x.Histology == "small-cell", x => x.ProgressionSites >= 1, x => x.Ecog <= 2,
            x => x.Therapies != null && x.Therapies.Any(t => t.Chemotherapy == true && (t.BestResponse == "complete" || t.BestResponse == "partial")),
            x => x.Therapies != null && x.Therapies.All(t => t.Chemotherapy == false || t.FreeIntervalDays >= 90));
        Then().Do(ctx => ctx.Insert(new FiredOption("platinum-etoposide-rechallenge-sclc")));
    }
}

[Tag(Tags.Default)]
public sealed class LurbinectedinSclcRelapse : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Decided == true, x => x.Histology == "small-cell", x => x.ProgressionSites >= 1, x => x.Ecog <= 2,
            x => x.Therapies != null && (x.Therapies.Any(t => t.Chemotherapy == true && t.Progressed == true) || x.Therapies.Any(t => t.Chemotherapy == true && t.FreeIntervalDays >= 1)),
            x => x.Therapies != null && x.Therapies.All(t => t.Chemotherapy != null) && x.Therapies.Count(t => t.Chemotherapy == true) == 1,
            x => x.BrainMetastasisFree == true);
        Then().Do(ctx => ctx.Insert(new FiredOption("lurbinectedin-sclc-relapse")));
    }
}

[Tag(Tags.Default)]
public sealed class MolecularTestingIncomplete : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Decided == true, x => FactsView.NoneIn(x, "no-metastatic-disease"),
            x => x.Histology == "adenocarcinoma" || x.Histology == "adenosquamous" || x.Histology == "large-cell" || x.Histology == "nsclc-nos",
            x => x.AnyPriorSystemic == false, x => x.ActionableDriver == null);
        Then().Do(ctx => ctx.Insert(new FiredOption("molecular-testing-incomplete")));
    }
}

[Tag(Tags.Default)]
public sealed class DurvalumabAfterChemoradiotherapy : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f,
            x => FactsView.In(x, "no-metastatic-disease"),
            x => x.NonSmallCell == true,
            x => x.StageGroup == "III" || x.StageGroup == "IIIA" || x.StageGroup == "IIIB" || x.StageGroup == "IIIC",
            x => x.ConcurrentChemoradiotherapy == true,
            x => x.AnyProgressionOnTherapy == false,
            x => x.IciExposed == false,
            x => x.Egfr == "negative",
            x => x.Alk == "negative",
            x => x.Ecog <= 1);
        Then().Do(ctx => ctx.Insert(new FiredOption("durvalumab-after-chemoradiotherapy")));
    }
}

[Tag(Tags.Default)]
public sealed class OsimertinibAfterChemoradiotherapy : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f,
            x => FactsView.In(x, "no-metastatic-disease"),
            x => x.NonSmallCell == true,
            x => x.StageGroup == "III" || x.StageGroup == "IIIA" || x.StageGroup == "IIIB" || x.StageGroup == "IIIC",
            x => x.ConcurrentChemoradiotherapy == true,
            x => x.AnyProgressionOnTherapy == false,
            x => x.EgfrClassic == true,
            x => x.Ecog <= 1);
        Then().Do(ctx => ctx.Insert(new FiredOption("osimertinib-after-chemoradiotherapy")));
    }
}

[Tag(Tags.Default)]
public sealed class OutsideScopeNoDistantMetastasis : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => FactsView.In(x, "no-metastatic-disease"), x => x.RegionalNodeCount >= 1);
        Then().Do(ctx => ctx.Insert(new FiredOption("outside-scope-no-distant-metastasis")));
    }
}

[Tag(Tags.Default)]
public sealed class OsimertinibFirstLine : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => Q.Untreated(x), x => x.EgfrClassic == true, x => Q.NoSymptomaticBrain(x.Lesions), x => x.Ecog <= 1);
        Then().Do(ctx => ctx.Insert(new FiredOption("osimertinib-first-line")));
    }
}

[Tag(Tags.Default)]
public sealed class PembrolizumabFirstLinePdl1High : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => Q.Untreated(x), x => x.ActionableDriver == false, x => x.Pdl1Tps >= 50, x => x.BrainMetastasisFree == true, x => x.Ecog <= 1);
        Then().Do(ctx => ctx.Insert(new FiredOption("pembrolizumab-first-line-pdl1-high")));
    }
}

[Tag(Tags.Default)]
public sealed class ChemoImmunotherapyFirstLineNonSquamous : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => Q.Untreated(x), x => x.NonSquamous == true, x => x.ActionableDriver == false, x => x.Ecog <= 1);
        Then().Do(ctx => ctx.Insert(new FiredOption("chemo-immunotherapy-first-line-non-squamous")));
    }
}

[Tag(Tags.Default)]
public sealed class ChemoImmunotherapyFirstLineSquamous : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => Q.Untreated(x), x => x.Histology == "squamous", x => x.ActionableDriver == false, x => x.Ecog <= 1);
        Then().Do(ctx => ctx.Insert(new FiredOption("chemo-immunotherapy-first-line-squamous")));
    }
}

[Tag(Tags.Default)]
public sealed class ThoracicRtEsSclcResponders : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Decided == true, x => x.Histology == "small-cell", x => x.SclcExtent == "extensive", x => Q.FirstLineChemotherapyResponse(x.Therapies), x => x.FirstLineWithoutProgression == true, x => x.IciExposed == false, x => x.Ecog <= 2, x => FactsView.LocalNotDeclined(x));
        Then().Do(ctx => ctx.Insert(new FiredOption("thoracic-rt-es-sclc-responders")));
    }
}

[Tag(Tags.Default)]
public sealed class AdrenalectomySolitaryAdrenalMetastasis : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => FactsView.In(x, "metachronous-oligorecurrence|repeat-oligorecurrence"), x => x.NonSmallCell == true, x => x.PrimaryControlled == true, x => x.LesionCount == 1, x => x.Lesions != null && x.Lesions.Any(l => l.Organ == "adrenal" && l.Treatable == true), x => x.StagingComplete == true, x => x.Ecog <= 1, x => FactsView.LocalNotDeclined(x), x => FactsView.RadicalNotExcluded(x));
        Then().Do(ctx => ctx.Insert(new FiredOption("adrenalectomy-solitary-adrenal-metastasis")));
    }
}

[Tag(Tags.Default)]
public sealed class RadicalTreatmentPrimaryAndSolitaryMetastasis : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => FactsView.In(x, "synchronous-oligometastatic"), x => x.NonSmallCell == true, x => x.LesionCount == 1, x => Q.AllTreatable(x.Lesions), x => x.AnyPriorSystemic == false, x => x.StagingComplete == true, x => x.BrainMetastasisFree == true, x => x.Ecog <= 1, x => FactsView.LocalNotDeclined(x), x => FactsView.RadicalNotExcluded(x));
        Then().Do(ctx => ctx.Insert(new FiredOption("radical-treatment-primary-and-solitary-metastasis")));
    }
}

[Tag(Tags.Default)]
public sealed class RebiopsyAtProgressionOnEgfrTki : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        When().Match(() => f, x => x.Decided == true, x => x.NonSmallCell == true,
            x => Q.AnyEgfrTki(x.Therapies, true) || (FactsView.In(x, "metachronous-oligoprogression|repeat-oligoprogression|induced-oligoprogression") && Q.AnyEgfrTki(x.Therapies, false)));
        Then().Do(ctx => ctx.Insert(new FiredOption("rebiopsy-at-progression-on-egfr-tki")));
    }
}

/// <summary>OligoCare timing: a checkpoint inhibitor ongoing while a local-therapy option irradiates on therapy.</summary>
[Tag(Tags.Default)]
public sealed class TimingCheckpointInhibitorSbrt : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        FiredOption s = null!;
        When().Match(() => s, o => Q.LocalTherapyMetastases.Contains(o.Option))
            .Match(() => f, x => x.OngoingIci == true);
        Then().Do(ctx => ctx.TryInsert(new FiredOption("timing-checkpoint-inhibitor-sbrt")));
    }
}

/// <summary>OligoCare timing: a VEGF inhibitor ongoing while a local-therapy option irradiates on therapy.</summary>
[Tag(Tags.Default)]
public sealed class TimingVegfInhibitorSbrt : Rule
{
    public override void Define()
    {
        FactsView f = null!;
        FiredOption s = null!;
        When().Match(() => s, o => Q.LocalTherapyMetastases.Contains(o.Option))
            .Match(() => f, x => x.OngoingAntiAngiogenic == true);
        Then().Do(ctx => ctx.TryInsert(new FiredOption("timing-vegf-inhibitor-sbrt")));
    }
}
