using OligoDecide.Engine;

namespace OligoDecide.Benchmarks.Tests;

public class EquivalenceCheckTests
{
    [Test]
    public void Mismatches_BenchmarkPatients_AllFourEnginesAndTheOptionsOnlyPathGiveTheSameOptionSets()
    {
        var mismatches = EquivalenceCheck.Mismatches(BenchmarkData.Patients);

        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void Patients_CoverEveryClassificationState()
    {
        var engine = OligoDecideEngine.CreateDefault();
        var states = BenchmarkData.Patients.Select(p => engine.Classify(p).State).Distinct().Count();

        Assert.That(states, Is.EqualTo(Enum.GetValues<Classification.OligometastaticState>().Length));
    }

    [Test]
    public void Patients_FireEveryDefaultRule()
    {
        var engine = OligoDecideEngine.CreateDefault();
        var fired = BenchmarkData.Patients.SelectMany(p => engine.Evaluate(p).Suggestions.Select(s => s.Rule)).ToHashSet();

        Assert.That(engine.RuleSet.Rules.Select(r => r.Id).Where(id => !fired.Contains(id)), Is.Empty);
    }

    [TestCase(25)]
    [TestCase(200)]
    public void GeneratedRuleSets_Load_CompileWithTheRequestedRuleCount(int count)
    {
        var engine = new OligoDecideEngine(GeneratedRuleSets.Load(count));

        Assert.That(engine.RuleSet.Rules, Has.Count.EqualTo(count));
    }
}
