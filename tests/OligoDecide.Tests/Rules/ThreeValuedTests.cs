using OligoDecide.Model;
using OligoDecide.Rules;
using static OligoDecide.Tests.Rules.ConstructRuleSet;

namespace OligoDecide.Tests.Rules;

/// <summary>Each operator and quantifier is true, false or unknown as the three-valued semantics says, through the compiled engine.</summary>
public class ThreeValuedTests
{
    private const Truth T = Truth.True;
    private const Truth F = Truth.False;
    private const Truth U = Truth.Unknown;

    private static IEnumerable<TestCaseData> Cases()
    {
        TestCaseData C(string rule, Truth expected, Patient p, string scenario) =>
            new TestCaseData(rule, p, expected).SetName($"Evaluate_{rule}_{scenario}_Is{expected}");

        yield return C("eq-ecog", T, Patient(ecog: 1), "ecog1");
        yield return C("eq-ecog", F, Patient(ecog: 2), "ecog2");
        yield return C("eq-ecog", U, Patient(), "ecogMissing");
        yield return C("in-egfr", T, Patient(egfr: EgfrStatus.L858r), "l858r");
        yield return C("in-egfr", F, Patient(egfr: EgfrStatus.Negative), "negative");
        yield return C("in-egfr", U, Patient(), "missing");
        yield return C("in-egfr", U, Patient(egfr: EgfrStatus.Unknown), "testFailed");
        yield return C("notin-histology", T, Patient(histology: Histology.Adenocarcinoma), "adeno");
        yield return C("notin-histology", F, Patient(histology: Histology.Squamous), "squamous");
        yield return C("notin-histology", U, Patient(), "missing");
        yield return C("min-pdl1", T, Patient(pdl1: 50m), "atMin");
        yield return C("min-pdl1", F, Patient(pdl1: 49.9m), "belowMin");
        yield return C("min-pdl1", U, Patient(), "missing");
        yield return C("max-ecog", T, Patient(ecog: 1), "atMax");
        yield return C("max-ecog", F, Patient(ecog: 2), "aboveMax");
        yield return C("max-ecog", U, Patient(), "missing");
        yield return C("range-age", T, Patient(age: 40), "atMin");
        yield return C("range-age", T, Patient(age: 70), "atMax");
        yield return C("range-age", F, Patient(age: 39), "belowMin");
        yield return C("range-age", F, Patient(age: 71), "aboveMax");
        yield return C("range-age", U, Patient(), "missing");
        yield return C("exists-pdl1", T, Patient(pdl1: 5m), "recorded");
        yield return C("exists-pdl1", F, Patient(), "missingIsFalseNotUnknown");
        yield return C("exists-not-ecog", T, Patient(), "missing");
        yield return C("exists-not-ecog", F, Patient(ecog: 0), "recorded");
        yield return C("bool-uncontrolled", T, Patient(controlled: false), "false");
        yield return C("bool-uncontrolled", F, Patient(controlled: true), "true");
        yield return C("bool-uncontrolled", U, Patient(histology: Histology.Squamous), "missing");
        yield return C("all-combo", T, Patient(ecog: 0, pdl1: 5m), "bothTrue");
        yield return C("all-combo", F, Patient(ecog: 2), "falseBeatsUnknown");
        yield return C("all-combo", U, Patient(ecog: 0), "trueAndUnknown");
        yield return C("any-combo", T, Patient(ecog: 1, pdl1: 60m), "secondTrue");
        yield return C("any-combo", T, Patient(ecog: 0), "trueBeatsUnknown");
        yield return C("any-combo", F, Patient(ecog: 1, pdl1: 10m), "bothFalse");
        yield return C("any-combo", U, Patient(ecog: 1), "falseAndUnknown");
        yield return C("not-ecog", T, Patient(ecog: 1), "innerFalse");
        yield return C("not-ecog", F, Patient(ecog: 3), "innerTrue");
        yield return C("not-ecog", U, Patient(), "notUnknownIsUnknown");
        yield return C("not-any", T, Patient(egfr: EgfrStatus.L858r, lesions: [L(Organ.Liver)]), "innerFalse");
        yield return C("not-any", F, Patient(egfr: EgfrStatus.Negative), "innerTrue");
        yield return C("not-any", U, Patient(egfr: EgfrStatus.L858r), "lesionsMissing");
        yield return C("any-lesion-liver", T, Patient(lesions: [L(Organ.Bone, LesionStatus.New), L(Organ.Liver, LesionStatus.Progressing)]), "oneMatches");
        yield return C("any-lesion-liver", F, Patient(lesions: [L(Organ.Liver, LesionStatus.Stable)]), "noneMatches");
        yield return C("any-lesion-liver", F, Patient(lesions: []), "noLesions");
        yield return C("any-lesion-liver", U, Patient(lesions: [L(Organ.Bone, LesionStatus.New), L(Organ.Liver)]), "statusMissing");
        yield return C("any-lesion-liver", U, Patient(), "lesionsNotRecorded");
        yield return C("any-lesion-nested", T, Patient(lesions: [L(treatable: false)]), "lesionTrue");
        yield return C("any-lesion-nested", F, Patient(age: 50, lesions: [L(treatable: true)]), "allFalse");
        yield return C("any-lesion-nested", U, Patient(age: 50, lesions: [L()]), "fieldMissing");
        yield return C("any-lesion-empty", T, Patient(lesions: [L()]), "oneLesion");
        yield return C("any-lesion-empty", F, Patient(lesions: []), "noLesions");
        yield return C("any-lesion-empty", U, Patient(), "notRecorded");
        yield return C("all-lesions-treatable", T, Patient(lesions: [L(treatable: true), L(treatable: true)]), "allTrue");
        yield return C("all-lesions-treatable", T, Patient(lesions: []), "vacuous");
        yield return C("all-lesions-treatable", F, Patient(lesions: [L(treatable: true), L(treatable: false), L()]), "oneFalseBeatsUnknown");
        yield return C("all-lesions-treatable", U, Patient(lesions: [L(treatable: true), L()]), "oneUnknown");
        yield return C("all-lesions-treatable", U, Patient(), "notRecorded");
        yield return C("not-all-lesions", T, Patient(lesions: [L(status: LesionStatus.Stable), L(status: LesionStatus.New)]), "oneNotStable");
        yield return C("not-all-lesions", F, Patient(lesions: [L(status: LesionStatus.Stable)]), "allStable");
        yield return C("not-all-lesions", U, Patient(lesions: [L(status: LesionStatus.Stable), L()]), "oneUnknown");
        yield return C("count-new", T, Patient(lesions: [L(status: LesionStatus.New), L(status: LesionStatus.New)]), "two");
        yield return C("count-new", T, Patient(lesions: [L(status: LesionStatus.New), L(status: LesionStatus.New), L()]), "intervalTwoToThreeInside");
        yield return C("count-new", F, Patient(lesions: [L(status: LesionStatus.New), L(status: LesionStatus.Stable)]), "one");
        yield return C("count-new", F, Patient(lesions: [L(status: LesionStatus.New), L(status: LesionStatus.New), L(status: LesionStatus.New), L(status: LesionStatus.New)]), "four");
        yield return C("count-new", U, Patient(lesions: [L(status: LesionStatus.New), L()]), "intervalOneToTwo");
        yield return C("count-new", U, Patient(lesions: [L(status: LesionStatus.New), L(status: LesionStatus.New), L(status: LesionStatus.New), L()]), "intervalThreeToFour");
        yield return C("count-new", F, Patient(lesions: [L(status: LesionStatus.New), L(status: LesionStatus.New), L(status: LesionStatus.New), L(status: LesionStatus.New), L()]), "intervalFourToFive");
        yield return C("count-new", U, Patient(), "notRecorded");
        yield return C("count-none-symptomatic", T, Patient(lesions: [L(symptomatic: false)]), "none");
        yield return C("count-none-symptomatic", F, Patient(lesions: [L(symptomatic: true), L()]), "oneTrue");
        yield return C("count-none-symptomatic", U, Patient(lesions: [L(symptomatic: false), L()]), "oneUnknown");
        yield return C("not-count-bone", T, Patient(lesions: [L(Organ.Bone), L(Organ.Liver)]), "oneBone");
        yield return C("not-count-bone", F, Patient(lesions: [L(Organ.Bone), L(Organ.Bone)]), "twoBone");
        yield return C("not-count-bone", U, Patient(), "notRecorded");
        yield return C("lesion-size-range", T, Patient(lesions: [new Lesion { Organ = Organ.Bone, SizeMm = 30 }]), "atMax");
        yield return C("lesion-size-range", F, Patient(lesions: [new Lesion { Organ = Organ.Bone, SizeMm = 31 }, new Lesion { Organ = Organ.Bone, SizeMm = 9 }]), "outside");
        yield return C("lesion-size-range", U, Patient(lesions: [new Lesion { Organ = Organ.Bone, SizeMm = 31 }, new Lesion { Organ = Organ.Bone }]), "sizeMissing");

        var jan = new DateOnly(2025, 1, 1);
        yield return C("any-therapy-vegf-ongoing", T, WithTherapies([Tx(classes: [DrugClass.Chemotherapy, DrugClass.Vegf], started: jan, ongoing: true)]), "bevacizumabOngoing");
        yield return C("any-therapy-vegf-ongoing", T, WithTherapies([Tx(kind: TherapyKind.AntiAngiogenic, started: jan, ongoing: true)]), "kindImpliesVegf");
        yield return C("any-therapy-vegf-ongoing", F, WithTherapies([Tx(classes: [DrugClass.Vegf], started: jan, stopped: new DateOnly(2025, 3, 1))]), "stopped");
        yield return C("any-therapy-vegf-ongoing", F, WithTherapies([]), "noTherapy");
        yield return C("any-therapy-vegf-ongoing", U, WithTherapies([Tx(classes: [DrugClass.Vegf], started: jan)]), "statusNotStated");
        yield return C("any-therapy-vegf-ongoing", U, WithTherapies([Tx(kind: TherapyKind.ChemoImmunotherapy, started: jan, ongoing: true)]), "classesNotRecorded");
        yield return C("any-therapy-vegf-ongoing", U, WithTherapies(null), "therapiesNotRecorded");
        yield return C("any-therapy-first-line-3m", T, WithTherapies([Tx(TherapySetting.FirstLineMetastatic, jan, ongoing: true, response: Response.Partial)]), "fiveMonthsOngoing");
        yield return C("any-therapy-first-line-3m", F, WithTherapies([Tx(TherapySetting.FirstLineMetastatic, new DateOnly(2025, 5, 10), ongoing: true, response: Response.Stable)]), "threeWeeks");
        yield return C("any-therapy-first-line-3m", F, WithTherapies([Tx(TherapySetting.FirstLineMetastatic, jan, ongoing: true, progressed: new DateOnly(2025, 4, 1))]), "progressed");
        yield return C("any-therapy-first-line-3m", F, WithTherapies([Tx(TherapySetting.LaterLine, jan, ongoing: true, response: Response.Partial)]), "laterLine");
        yield return C("any-therapy-first-line-3m", U, WithTherapies([Tx(TherapySetting.FirstLineMetastatic, jan, ongoing: true)]), "responseMissing");
        yield return C("any-therapy-first-line-3m", U, WithTherapies([Tx(TherapySetting.FirstLineMetastatic, jan, response: Response.Partial)]), "endMissing");
        yield return C("all-therapies-no-ici", T, WithTherapies([Tx(kind: TherapyKind.Chemotherapy)]), "chemoOnly");
        yield return C("all-therapies-no-ici", T, WithTherapies([]), "vacuous");
        yield return C("all-therapies-no-ici", F, WithTherapies([Tx(kind: TherapyKind.Chemotherapy), Tx(classes: [DrugClass.Pd1]), Tx()]), "pd1BeatsUnknown");
        yield return C("all-therapies-no-ici", U, WithTherapies([Tx(kind: TherapyKind.Chemotherapy), Tx()]), "kindMissing");
        yield return C("count-therapies-later-line", T, WithTherapies([Tx(TherapySetting.FirstLineMetastatic)]), "firstLineOnly");
        yield return C("count-therapies-later-line", F, WithTherapies([Tx(TherapySetting.FirstLineMetastatic), Tx(TherapySetting.LaterLine)]), "secondLine");
        yield return C("count-therapies-later-line", U, WithTherapies([Tx(TherapySetting.FirstLineMetastatic), Tx()]), "settingMissing");
        yield return C("any-therapy-cycles-response", T, WithTherapies([Tx(cycles: 4, response: Response.Stable)]), "fourCyclesStable");
        yield return C("any-therapy-cycles-response", F, WithTherapies([Tx(cycles: 3, response: Response.Stable), Tx(cycles: 6, response: Response.Progressive)]), "neitherMatches");
        yield return C("any-therapy-cycles-response", U, WithTherapies([Tx(cycles: 6, response: Response.Unknown)]), "responseRecordedUnknown");

        // The state of an indeterminate case: true when every possible state satisfies the test, false when none does.
        var undated = Staged(null, Tx(TherapySetting.FirstLineMetastatic, jan, ongoing: null));
        yield return C("state-metachronous", T, Staged(null, Tx(TherapySetting.Adjuvant, new DateOnly(2024, 1, 10), new DateOnly(2024, 4, 10))), "inferredMetachronous");
        yield return C("state-metachronous", U, Staged(null), "synchronousStillPossible");
        yield return C("state-metachronous", F, Staged(new DateOnly(2025, 4, 1)), "decidedSynchronous");
        yield return C("state-recurrence", U, undated, "eitherStatePossible");
        var onOrOff = Staged(new DateOnly(2024, 1, 1), Tx(started: new DateOnly(2024, 2, 1)));
        yield return C("state-metachronous", T, onOrOff, "progressionOrRecurrenceBothSatisfy");
        yield return C("state-recurrence", U, onOrOff, "onlyOnePossibleStateSatisfies");
        yield return C("state-synchronous", F, onOrOff, "noPossibleStateSatisfies");
        yield return C("state-synchronous", U, Staged(null), "onePossibleStateSatisfies");
        yield return C("state-synchronous", T, Staged(new DateOnly(2025, 4, 1)), "decided");
        yield return C("state-not-poly", T, Staged(null), "noPossibleStateIsPoly");
        yield return C("oligometastatic", T, Staged(null), "everyPossibleStateOligometastatic");
        yield return C("state-recurrence", F, Staged(new DateOnly(2025, 4, 1)), "decidedOther");
        yield return C("state-recurrence", T, Staged(new DateOnly(2024, 1, 1), Tx(started: new DateOnly(2024, 2, 1), stopped: new DateOnly(2024, 6, 1))), "decided");
        yield return C("chained", T, Patient(ecog: 1, pdl1: 5m), "optionSuggested");
        yield return C("chained", F, Patient(ecog: 2, pdl1: 5m), "optionNotSuggested");
        yield return C("chained", U, Patient(pdl1: 5m), "optionUndecided");
        yield return C("chained", F, Patient(ecog: 1, pdl1: 0m), "ownConditionFalse");
        // suggested: [a, b] and { tag: t } are Kleene OR over the options (eq-ecog, min-pdl1; the rules tagged grp: max-ecog, range-age).
        yield return C("chained-list", T, Patient(ecog: 1, pdl1: 10m), "firstSuggested");
        yield return C("chained-list", T, Patient(pdl1: 60m), "secondSuggestedFirstUndecided");
        yield return C("chained-list", F, Patient(ecog: 2, pdl1: 10m), "noneSuggested");
        yield return C("chained-list", U, Patient(ecog: 2), "noneSuggestedOneUndecided");
        yield return C("chained-tag", T, Patient(ecog: 0), "taggedRuleFired");
        yield return C("chained-tag", T, Patient(age: 50), "otherTaggedRuleFiredFirstUndecided");
        yield return C("chained-tag", F, Patient(ecog: 3, age: 80), "noTaggedRuleFired");
        yield return C("chained-tag", U, Patient(ecog: 3), "noTaggedRuleFiredOneUndecided");

        // detectedOnTherapy: after the start of a therapy and while it was still given.
        static Patient Detected(DateOnly? detectedOn, params SystemicTherapy[]? therapies) =>
            Patient(lesions: [new Lesion { Organ = Organ.Bone, DetectedOn = detectedOn }]) with { SystemicTherapies = therapies };
        var march = new DateOnly(2025, 3, 1);
        yield return C("lesion-new-on-therapy", T, Detected(march, Tx(started: jan, ongoing: true)), "detectedOnOngoingTherapy");
        yield return C("lesion-new-on-therapy", T, Detected(march, Tx(started: jan, stopped: march)), "detectedOnTheStopDay");
        yield return C("lesion-new-on-therapy", F, Detected(jan, Tx(started: jan, ongoing: true)), "baselineScanOnTheFirstDay");
        yield return C("lesion-new-on-therapy", F, Detected(new DateOnly(2024, 12, 1), Tx(started: jan, ongoing: true)), "presentBeforeTherapy");
        yield return C("lesion-new-on-therapy", F, Detected(march, Tx(started: jan, stopped: new DateOnly(2025, 2, 1))), "detectedAfterTherapyStopped");
        yield return C("lesion-new-on-therapy", F, Detected(march), "noTherapyGiven");
        yield return C("lesion-new-on-therapy", U, Detected(null, Tx(started: jan, ongoing: true)), "dateNotRecorded");
        yield return C("lesion-new-on-therapy", U, Detected(march, Tx(started: jan)), "therapyStatusNotStated");
        yield return C("lesion-new-on-therapy", U, Detected(march, null), "therapiesNotRecorded");
        yield return C("chained-nested-all", T, Patient(ecog: 0, age: 50), "optionSuggested");
        yield return C("chained-nested-all", F, Patient(ecog: 3, age: 50), "optionNotSuggested");
        yield return C("chained-nested-all", U, Patient(age: 50), "optionUndecided");
    }

    [TestCaseSource(nameof(Cases))]
    public void Evaluate_Construct_HasExpectedTruth(string rule, Patient patient, Truth expected)
    {
        var engine = ConstructRuleSet.Engine.Value;
        var decision = engine.Evaluate(patient);
        Assert.That(Outcome(decision, rule), Is.EqualTo(expected));
        Assert.That(engine.Explain(rule, patient)[0].Truth, Is.EqualTo(expected), "explain agrees with evaluate");
    }

    [TestCase(0, 0, 2, 3, Truth.False)]
    [TestCase(2, 0, 2, 3, Truth.True)]
    [TestCase(1, 1, 2, 3, Truth.Unknown)]
    [TestCase(2, 1, 2, 3, Truth.True)]
    [TestCase(3, 1, 2, 3, Truth.Unknown)]
    [TestCase(4, 0, 2, 3, Truth.False)]
    [TestCase(0, 5, null, 0, Truth.Unknown)]
    [TestCase(0, 0, null, 0, Truth.True)]
    public void CountTruth_Interval_IsTrueOnlyWhenEveryPossibleCountFits(int t, int u, int? min, int? max, Truth expected) =>
        Assert.That(ThreeValued.CountTruth(t, u, min, max), Is.EqualTo(expected));

    [Test]
    public void Negate_Kleene_UnknownStaysUnknown() => Assert.Multiple(() =>
    {
        Assert.That(ThreeValued.Negate(Truth.True), Is.EqualTo(Truth.False));
        Assert.That(ThreeValued.Negate(Truth.False), Is.EqualTo(Truth.True));
        Assert.That(ThreeValued.Negate(Truth.Unknown), Is.EqualTo(Truth.Unknown));
    });
}
