using System.Linq.Expressions;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Model;
using OligoDecide.Rules;
using RuleSet = OligoDecide.Rules.RuleSet;
using OligoDecide.Tests.Rules;
using static OligoDecide.Tests.Rules.ConstructRuleSet;

namespace OligoDecide.Tests.Engine;

public class OligoDecideEngineTests
{
    private static readonly string CouldApplyRules = "rules:\n" + RuleSetFolder.Rule("needs-three", """
        - fact: ecog
          max: 1
        - fact: biomarkers.egfr
          in: [exon19-deletion, l858r]
        - allLesions: { treatable: true }
        """);

    [Test]
    public void Evaluate_UnknownAndNoFalse_ListsExactlyTheMissingFactsAndWhatTheyNeed()
    {
        var engine = RuleSetFolder.Engine(CouldApplyRules);
        var decision = engine.Evaluate(Patient(lesions: [L(treatable: true), L()]));

        Assert.That(decision.Suggestions, Is.Empty);
        var could = decision.CouldApply.Single();
        Assert.That(could.Rule, Is.EqualTo("needs-three"));
        Assert.That(could.Missing, Is.EqualTo(new[]
        {
            new MissingFact("ecog", "ecog ≤ 1"),
            new MissingFact("biomarkers.egfr", "biomarkers.egfr in [exon19-deletion, l858r]"),
            new MissingFact("metastases.lesions[1].treatable", "every lesion with treatable = true"),
        }));
    }

    [Test]
    public void Evaluate_LesionsNotRecorded_NamesTheLesionList()
    {
        var engine = RuleSetFolder.Engine(CouldApplyRules);
        var decision = engine.Evaluate(Patient(ecog: 0, egfr: EgfrStatus.L858r));
        Assert.That(decision.CouldApply.Single().Missing, Is.EqualTo(new[] { new MissingFact("metastases.lesions", "every lesion with treatable = true") }));
    }

    [Test]
    public void Evaluate_OneConditionFalse_RuleIsNotInCouldApply()
    {
        var engine = RuleSetFolder.Engine(CouldApplyRules);
        var decision = engine.Evaluate(Patient(ecog: 3, lesions: [L()]));
        Assert.That(decision.CouldApply, Is.Empty);
        Assert.That(decision.Suggestions, Is.Empty);
    }

    [Test]
    public void Evaluate_UnknownUnderNot_NeededIsNegated()
    {
        var engine = RuleSetFolder.Engine("rules:\n" + RuleSetFolder.Rule("not-poor", "not:\n  fact: ecog\n  min: 2"));
        var could = engine.Evaluate(Patient()).CouldApply.Single();
        Assert.That(could.Missing, Is.EqualTo(new[] { new MissingFact("ecog", "not (ecog ≥ 2)") }));
    }

    [Test]
    public void Evaluate_AllTrue_BecauseListsTheConditionsWithTheValuesSeen()
    {
        var engine = RuleSetFolder.Engine(CouldApplyRules);
        var suggestion = engine.Evaluate(Patient(ecog: 1, egfr: EgfrStatus.Exon19Deletion, lesions: [L(treatable: true)])).Suggestions.Single();
        Assert.That(suggestion.Because, Is.EqualTo(new[]
        {
            new Reason("ecog ≤ 1", "ecog = 1"),
            new Reason("biomarkers.egfr in [exon19-deletion, l858r]", "biomarkers.egfr = exon19-deletion"),
            new Reason("every lesion with treatable = true", "1 of 1 lesion(s) match"),
        }));
        Assert.That(suggestion.Evidence.Select(c => c.Id), Is.EqualTo(new[] { "c1" }));
        Assert.That(suggestion.SupersededBy, Is.Null);
    }

    [Test]
    public void Evaluate_IndeterminateSeed_StateRulesAreDecidedOverThePossibleStates()
    {
        // Possible states: induced-, metachronous- and repeat-oligorecurrence (history not recorded).
        var patient = PatientDocument.Load(Path.Combine(Repo.Root, "seeds/patients/indeterminate-missing-history.yaml")).Patient!;
        var engine = OligoDecideEngine.CreateDefault();
        var decision = engine.Evaluate(patient);

        Assert.Multiple(() =>
        {
            Assert.That(decision.Classification.State, Is.EqualTo(OligometastaticState.Indeterminate));
            Assert.That(decision.Classification.PossibleStates, Has.Count.EqualTo(3));

            // Every possible state is oligometastatic: the rule on classification.oligometastatic fires.
            Assert.That(decision.Suggestions.Select(s => s.Rule), Does.Contain("mdt-discussion"));

            // sabr-all-metastases holds in two of the three possible states (not induced): it could apply, naming the state.
            var sabr = decision.CouldApply.Single(c => c.Rule == "sabr-all-metastases");
            Assert.That(sabr.Missing.Select(m => m.Fact), Does.Contain("classification.state"));

            // A rule that needs a state none of them is (polymetastatic) is neither suggested nor could apply.
            Assert.That(decision.Suggestions.Select(s => s.Rule), Does.Not.Contain("systemic-therapy-polymetastatic"));
            Assert.That(decision.CouldApply.Select(c => c.Rule), Does.Not.Contain("systemic-therapy-polymetastatic"));
        });
    }

    private static readonly string SupersedeRules = "rules:\n" + string.Join("\n",
        RuleSetFolder.Rule("strong", "- fact: ecog\n  max: 1", "priority: 10\nsupersedes: [weak]"),
        RuleSetFolder.Rule("weak", "- fact: ecog\n  max: 2"),
        RuleSetFolder.Rule("warn-strong", "- suggested: strong\n- fact: ageYears\n  min: 80", kind: "caution"));

    [Test]
    public void Evaluate_SupersedingRuleFires_SupersededSuggestionKeptWithSupersededBy()
    {
        var engine = RuleSetFolder.Engine(SupersedeRules);
        var decision = engine.Evaluate(Patient(ecog: 0, age: 60));
        Assert.That(decision.Suggestions.Select(s => (s.Rule, s.SupersededBy)), Is.EqualTo(new[] { ("strong", (string?)null), ("weak", "strong") }));
        Assert.That(decision.ActiveOptions, Is.EqualTo(new[] { "strong" }));
    }

    [Test]
    public void Evaluate_SupersedingRuleDoesNotFire_SuggestionIsActive()
    {
        var engine = RuleSetFolder.Engine(SupersedeRules);
        var decision = engine.Evaluate(Patient(ecog: 2, age: 85));
        Assert.That(decision.Suggestions.Select(s => (s.Rule, s.SupersededBy)), Is.EqualTo(new[] { ("weak", (string?)null) }));
        Assert.That(decision.ActiveOptions, Is.EqualTo(new[] { "weak" }));
    }

    [Test]
    public void Evaluate_Chaining_CautionFiresOnlyWithTheOptionItChainsOn()
    {
        var engine = RuleSetFolder.Engine(SupersedeRules);
        Assert.Multiple(() =>
        {
            Assert.That(engine.Evaluate(Patient(ecog: 0, age: 85)).Suggestions.Select(s => s.Rule), Does.Contain("warn-strong"));
            Assert.That(engine.Evaluate(Patient(ecog: 2, age: 85)).Suggestions.Select(s => s.Rule), Does.Not.Contain("warn-strong"));
            Assert.That(engine.Evaluate(Patient(age: 85)).CouldApply.Single(c => c.Rule == "warn-strong").Missing,
                Is.EqualTo(new[] { new MissingFact("option strong", "option strong suggested (itself undecided)") }));
        });
    }

    [Test]
    public void Evaluate_Ordering_PriorityDescendingThenId()
    {
        var engine = RuleSetFolder.Engine("rules:\n" + string.Join("\n",
            RuleSetFolder.Rule("b-low", "- fact: ecog\n  max: 4", "priority: 5"),
            RuleSetFolder.Rule("c-high", "- fact: ecog\n  max: 4", "priority: 10"),
            RuleSetFolder.Rule("a-high", "- fact: ecog\n  max: 4", "priority: 10"),
            RuleSetFolder.Rule("a-none", "- fact: ecog\n  max: 4")));
        Assert.That(engine.Evaluate(Patient(ecog: 1)).Suggestions.Select(s => s.Rule), Is.EqualTo(new[] { "a-high", "c-high", "b-low", "a-none" }));
        Assert.That(engine.Evaluate(Patient()).CouldApply.Select(s => s.Rule), Is.EqualTo(new[] { "a-high", "c-high", "b-low", "a-none" }));
        Assert.That(engine.RuleSet.Rules.Select(s => s.Id), Is.EqualTo(new[] { "a-high", "c-high", "b-low", "a-none" }));
    }

    [Test]
    public void Constructor_AdditionalNRulesRule_ItsCustomSuggestionAppearsInDecision()
    {
        var builder = new RuleBuilder();
        builder.Name("consumer-no-metastases");
        var classification = Expression.Parameter(typeof(ClassificationResult), "c");
        builder.LeftHandSide().Pattern(typeof(ClassificationResult), "c").Condition(
            Expression.Lambda(Expression.Equal(Expression.Property(classification, nameof(ClassificationResult.State)), Expression.Constant(OligometastaticState.NoMetastaticDisease)), classification));
        Expression<Action<IContext, ClassificationResult>> action = (ctx, c) =>
            ctx.Insert(new CustomSuggestion("consumer-no-metastases", RuleKind.Caution, "local-protocol", "Local protocol", "Our own pathway applies."));
        builder.RightHandSide().Action(action);

        using var folder = new RuleSetFolder("rules:\n" + RuleSetFolder.Rule("eq-ecog", "- fact: ecog\n  equals: 1"));
        var engine = new OligoDecideEngine(folder.Load().GetOrThrow(), null, [builder.Build()]);

        var patient = Patient(ecog: 1) with { Metastases = new Metastases { Lesions = [], Imaging = [ImagingModality.FdgPetCt, ImagingModality.BrainMri] } };
        var decision = engine.Evaluate(patient);
        Assert.That(decision.Classification.State, Is.EqualTo(OligometastaticState.NoMetastaticDisease), string.Join("\n", decision.Classification.Path));
        Assert.That(decision.Suggestions.Select(s => (s.Rule, s.Kind, s.Option)), Is.EqualTo(new[]
        {
            ("consumer-no-metastases", RuleKind.Caution, "local-protocol"),
            ("eq-ecog", RuleKind.Option, "eq-ecog"),
        }));

        var other = engine.Evaluate(Patient(ecog: 1, lesions: [.. Enumerable.Range(0, 8).Select(_ => L(Organ.Bone, LesionStatus.New))]));
        Assert.That(other.Classification.State, Is.Not.EqualTo(OligometastaticState.NoMetastaticDisease));
        Assert.That(other.Suggestions.Select(s => s.Rule), Is.EqualTo(new[] { "eq-ecog" }));
    }
}
