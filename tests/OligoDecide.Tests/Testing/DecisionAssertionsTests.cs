using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Testing;

namespace OligoDecide.Tests.Testing;

public class DecisionAssertionsTests
{
    private static readonly OligoDecideEngine Engine = OligoDecideEngine.CreateDefault();

    private static (Model.Patient Patient, Decision Decision) Load(string file)
    {
        var patient = PatientDocument.Load(Path.Combine(RepoPaths.SeedPatients, file)).GetPatientOrThrow();
        return (patient, Engine.Evaluate(patient));
    }

    [Test]
    public void ShouldSuggest_Suggested_ReturnsDecision()
    {
        var (_, decision) = Load("metachronous-oligorecurrence-controlled.yaml");
        Assert.That(decision.ShouldSuggest("sabr-all-metastases").ShouldNotSuggest("lat-oligopersistence").ShouldBeState("metachronous-oligorecurrence"), Is.SameAs(decision));
    }

    [Test]
    public void ShouldSuggest_EcogTwo_MessageShowsStateOptionsAndFalseCondition()
    {
        var (_, decision) = Load("rule-sabr-all-metastases-near-miss.yaml");
        var ex = Assert.Throws<AssertionException>(() => decision.ShouldSuggest("sabr-all-metastases"))!;
        Assert.That(ex.Message.ReplaceLineEndings("\n"), Is.EqualTo("""
            Expected option sabr-all-metastases to be suggested, but it was not.
            State: metachronous-oligorecurrence
            Suggested: mdt-discussion
            Rule sabr-all-metastases, conditions that did not hold:
              [false] ecog ≤ 1 (seen: ecog = 2)
            """));
    }

    [Test]
    public void ShouldSuggest_DecisionBuiltByHand_MessageShowsStateAndOptionsOnly()
    {
        var (_, made) = Load("rule-sabr-all-metastases-near-miss.yaml");
        var decision = new Decision(made.RuleSet, made.Classification, made.Suggestions, made.CouldApply, made.Limits);
        var ex = Assert.Throws<AssertionException>(() => decision.ShouldSuggest("sabr-all-metastases"))!;
        Assert.That(ex.Message.ReplaceLineEndings("\n"), Does.Contain("State: metachronous-oligorecurrence\n").And.Contain("Suggested: mdt-discussion\n")
            .And.Contain("No rule suggesting it had all its conditions hold.").And.Not.Contain("ecog"));
    }

    [Test]
    public void ShouldSuggest_MissingFacts_MessageListsWhatIsMissing()
    {
        var (_, decision) = Load("indeterminate-missing-history.yaml");
        // sabr-all-metastases holds in two of the three states still possible: it could apply, naming the state.
        var ex = Assert.Throws<AssertionException>(() => decision.ShouldSuggest("sabr-all-metastases"))!;
        Assert.That(ex.Message, Does.Contain("State: indeterminate").And.Contain("Suggested: mdt-discussion").And.Contain("Rule sabr-all-metastases could apply; missing:"));
    }

    [Test]
    public void ShouldNotSuggest_Suggested_MessageNamesRuleAndReasons()
    {
        var (_, decision) = Load("metachronous-oligorecurrence-controlled.yaml");
        var ex = Assert.Throws<AssertionException>(() => decision.ShouldNotSuggest("sabr-all-metastases"))!;
        Assert.That(ex.Message, Does.StartWith("Expected option sabr-all-metastases not to be suggested, but rule sabr-all-metastases suggested it.")
            .And.Contain("ecog ≤ 1 (seen: ecog = 1)"));
    }

    [Test]
    public void ShouldBeState_Wrong_MessageShowsActualStateAndPath()
    {
        var (_, decision) = Load("metachronous-oligorecurrence-controlled.yaml");
        var ex = Assert.Throws<AssertionException>(() => decision.ShouldBeState("synchronous-oligometastatic"))!;
        Assert.That(ex.Message, Does.StartWith("Expected state synchronous-oligometastatic, but the patient was classified as metachronous-oligorecurrence.")
            .And.Contain("Decision path:"));
    }
}
