using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Facts;
using OligoDecide.Model;
using OligoDecide.Output;
using OligoDecide.Rules;
using OligoDecide.Synthetic;
using OligoDecide.Tests.Rules;

namespace OligoDecide.Tests.Engine;

/// <summary>
/// The compiled evaluator decides; the NRules compilation of the same rules is an independent check of it.
/// </summary>
public class EvaluatorTests
{
    private static readonly Lazy<OligoDecideEngine> Default = new(OligoDecideEngine.CreateDefault);

    private static IEnumerable<(string Source, Patient Patient)> GeneratedAndSeeds(int generated)
    {
        foreach (var path in RepoPaths.SeedCases())
        {
            yield return (Path.GetFileName(path), PatientDocument.Load(path).GetPatientOrThrow());
        }

        var i = 0;
        foreach (var document in PatientGenerator.Documents(generated, seed: 14))
        {
            i++;
            yield return ($"generated #{i}", PatientDocument.Parse(document, "generated").GetPatientOrThrow());
        }
    }

    /// <summary>Runs for the compiled rules (the default) and for the interpreter mode the CLI's one-shot commands use.</summary>
    [TestCase(false)]
    [TestCase(true)]
    public void DefaultRules_TenThousandGeneratedPatientsAndEverySeed_EvaluatorAndNRulesFireTheSameRules(bool interpret)
    {
        var engine = interpret ? new OligoDecideEngine(RuleSet.LoadDefault(), null, null, verifyWithNRules: false, interpret: true) : Default.Value;
        Assert.That(
            engine.Evaluator.Rules.Select(r => r.Backend).Distinct(),
            interpret ? Is.EqualTo(new[] { TruthCompiler.Backend.Interpreter }) : Has.No.Member(TruthCompiler.Backend.Interpreter));
        var rules = engine.RuleSet.Rules;
        var factory = new NRules.RuleCompiler().Compile(rules.Select(RuleDefinitionCompiler.Compile));
        var outcomes = rules.ToDictionary(r => r.Id, _ => new HashSet<Truth>(), StringComparer.Ordinal);
        var count = 0;
        foreach (var (source, patient) in GeneratedAndSeeds(10_000))
        {
            count++;
            var decision = engine.Evaluate(patient);
            var evaluation = decision.Evaluation!;
            var session = factory.CreateSession();
            session.Insert(evaluation.Facts);
            session.Fire();
            var fired = session.Query<SuggestionFact>().AsEnumerable().Select(s => s.RuleId).ToHashSet(StringComparer.Ordinal);
            var decided = rules.Where((r, rank) => evaluation.TruthOf(rank) == Truth.True).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            if (!fired.SetEquals(decided))
            {
                Assert.Fail($"{source}: NRules fired [{string.Join(", ", fired.Order())}], the evaluator decided [{string.Join(", ", decided.Order())}]");
            }

            Assert.That(decision.Suggestions.Select(s => s.Rule).ToHashSet(), Is.EquivalentTo(decided), source);
            for (var rank = 0; rank < rules.Count; rank++)
            {
                outcomes[rules[rank].Id].Add(evaluation.TruthOf(rank));
            }
        }

        Assert.That(count, Is.GreaterThanOrEqualTo(10_000 + RepoPaths.SeedCases().Count()));
        // The comparison means something only if the patients make every rule fire and every rule stay silent.
        Assert.That(outcomes.Where(o => !o.Value.Contains(Truth.True) || !o.Value.Contains(Truth.False)).Select(o => o.Key), Is.Empty);
    }

    [Test]
    public void InterpreterMode_DefaultAndConstructRules_SameDecisionJsonAsCompiled()
    {
        var interpreted = new OligoDecideEngine(RuleSet.LoadDefault(), null, null, verifyWithNRules: false, interpret: true);
        foreach (var (source, patient) in GeneratedAndSeeds(2_000))
        {
            Assert.That(JsonOutput.Write(interpreted.Evaluate(patient)), Is.EqualTo(JsonOutput.Write(Default.Value.Evaluate(patient))), source);
        }

        // The construct rule set has one rule per outcome of every condition kind (therapy quantifier, ranges, possible states).
        var constructs = new OligoDecideEngine(ConstructRuleSet.Engine.Value.RuleSet, null, null, verifyWithNRules: false, interpret: true);
        foreach (var ecog in new int?[] { null, 0, 2 })
        {
            foreach (var pdl1 in new decimal?[] { null, 10m, 60m })
            {
                foreach (var controlled in new bool?[] { null, true, false })
                {
                    var patient = ConstructRuleSet.Patient(ecog, pdl1, controlled: controlled);
                    Assert.That(JsonOutput.Write(constructs.Evaluate(patient)), Is.EqualTo(JsonOutput.Write(ConstructRuleSet.Engine.Value.Evaluate(patient))), $"ecog {ecog}, pdl1 {pdl1}, controlled {controlled}");
                }
            }
        }
    }

    [Test]
    public void VerifyMode_RulesAgree_SameDecisionsAsDefaultMode()
    {
        var verifying = new OligoDecideEngine(RuleSet.LoadDefault(), verifyWithNRules: true);
        Assert.That(verifying.VerifiesWithNRules, Is.True);
        Assert.That(Default.Value.VerifiesWithNRules, Is.False);
        foreach (var (source, patient) in GeneratedAndSeeds(300))
        {
            Assert.That(JsonOutput.Write(verifying.Evaluate(patient)), Is.EqualTo(JsonOutput.Write(Default.Value.Evaluate(patient))), source);
        }
    }

    [Test]
    public void VerifyMode_NRulesDisagrees_ThrowsNamingRuleAndRuleSetWithoutPatientData()
    {
        var ruleSet = RuleSet.LoadDefault();
        var sabr = ruleSet.Rules.Single(r => r.Id == "sabr-all-metastases");
        var always = ruleSet.Rules.Single(r => r.Id == "mdt-discussion");
        // The NRules side compiles sabr-all-metastases with mdt-discussion's conditions: the two must disagree somewhere.
        var engine = new OligoDecideEngine(ruleSet, null, null, verifyWithNRules: true,
            compileForVerification: r => RuleDefinitionCompiler.Compile(r.Id == sabr.Id ? r with { When = always.When } : r));
        var patient = PatientDocument.Load(Path.Combine(RepoPaths.SeedPatients, "rule-sabr-all-metastases-near-miss.yaml")).GetPatientOrThrow();

        var ex = Assert.Throws<EngineVerificationException>(() => engine.Evaluate(patient))!;
        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.StartWith("Verification failed: rule 'sabr-all-metastases' of rule set oligodecide-default"));
            Assert.That(ex.Message, Does.Contain("the evaluator decided false, the NRules compilation fired"));
            Assert.That(ex.Message, Does.Not.Contain("ecog").And.Not.Contain(patient.Id ?? "\u0000"));
        });
    }

    [Test]
    public void Compile_FastCompilerDisagreesWithInterpreter_FallsBackToBclAndDecidesCorrectly()
    {
        var engine = ConstructRuleSet.Engine.Value;
        var evaluator = engine.Evaluate(ConstructRuleSet.Patient()).Evaluation!.Evaluator;
        var index = evaluator.Options.Select((o, i) => (o, i)).ToDictionary(x => x.o, x => x.i);
        foreach (var rule in evaluator.Rules.Select(r => r.Rule))
        {
            // A "fast" compiler that is wrong: always true.
            var (compiled, backend) = TruthCompiler.Compile(rule.When, index, evaluator.Options, _ => (_, _) => Truth.True);
            Assert.That(backend, Is.EqualTo(TruthCompiler.Backend.Bcl), rule.Id);
            foreach (var (facts, options) in ProbeFacts.For(rule.When, evaluator.Options.Count))
            {
                Assert.That(compiled(facts, options), Is.EqualTo(ThreeValued.TruthOf(rule.When, facts, o => options[index[o]])), rule.Id);
            }
        }
    }

    [Test]
    public void Compile_DefaultAndConstructRules_FastExpressionCompilerAgreesOnEveryRule()
    {
        var rules = Default.Value.Evaluate(ConstructRuleSet.Patient()).Evaluation!.Evaluator.Rules
            .Concat(ConstructRuleSet.Engine.Value.Evaluate(ConstructRuleSet.Patient()).Evaluation!.Evaluator.Rules);
        Assert.That(rules.Where(r => r.Backend != TruthCompiler.Backend.Fast).Select(r => r.Rule.Id), Is.Empty);
    }

    [Test]
    public void ProbeFacts_ConstructRules_ReachEveryOutcomeOfEveryRule()
    {
        // The load-time check is only as good as its probes: they must make each construct true, false and unknown.
        var evaluator = ConstructRuleSet.Engine.Value.Evaluate(ConstructRuleSet.Patient()).Evaluation!.Evaluator;
        var index = evaluator.Options.Select((o, i) => (o, i)).ToDictionary(x => x.o, x => x.i);
        var missed = new List<string>();
        foreach (var rule in evaluator.Rules.Select(r => r.Rule))
        {
            var seen = ProbeFacts.For(rule.When, evaluator.Options.Count).Select(p => ThreeValued.TruthOf(rule.When, p.Facts, o => p.Options[index[o]])).ToHashSet();
            var expected = rule.Id.StartsWith("exists", StringComparison.Ordinal) ? 2 : 3;
            if (seen.Count < expected)
            {
                missed.Add($"{rule.Id}: {string.Join(",", seen)}");
            }
        }

        Assert.That(missed, Is.Empty);
    }

    [Test]
    public void DecisionExplain_EveryRuleOfEverySeed_SameLinesAsEngineExplainAndRuleTruthAsDecided()
    {
        var engine = Default.Value;
        foreach (var path in RepoPaths.SeedCases())
        {
            var patient = PatientDocument.Load(path).GetPatientOrThrow();
            var decision = engine.Evaluate(patient);
            foreach (var rule in engine.RuleSet.Rules)
            {
                var lines = decision.Explain(rule.Id);
                Assert.That(lines, Is.EqualTo(engine.Explain(rule.Id, patient)), $"{path} {rule.Id}");
                Assert.That(lines[0].Truth, Is.EqualTo(ConstructRuleSet.Outcome(decision, rule.Id)), $"{path} {rule.Id}");
            }
        }
    }

    [Test]
    public void DecisionExplain_UnknownRuleOrHandBuiltDecision_Throws()
    {
        var decision = Default.Value.Evaluate(ConstructRuleSet.Patient());
        Assert.Multiple(() =>
        {
            Assert.That(() => decision.Explain("no-such-rule"), Throws.ArgumentException.With.Message.Contains("no rule 'no-such-rule'"));
            Assert.That(() => new Decision(decision.RuleSet, decision.Classification, [], [], decision.Limits).Explain("mdt-discussion"), Throws.InvalidOperationException);
        });
    }

    [Test]
    public void Evaluation_OneEvaluationPerDecision_CarriesFactsAndClassificationOfThatPatient()
    {
        var patient = ConstructRuleSet.Patient(ecog: 1, pdl1: 60m);
        var decision = ConstructRuleSet.Engine.Value.Evaluate(patient);
        var evaluation = decision.Evaluation!;
        Assert.Multiple(() =>
        {
            Assert.That(evaluation.Patient, Is.SameAs(patient));
            Assert.That(evaluation.Classification, Is.SameAs(decision.Classification));
            Assert.That(evaluation.Facts.Ecog, Is.EqualTo(1));
            Assert.That(evaluation.Suggested("eq-ecog"), Is.EqualTo(Truth.True));
            Assert.That(evaluation.Suggested("range-age"), Is.EqualTo(Truth.Unknown));
            Assert.That(evaluation.Suggested("not-ecog"), Is.EqualTo(Truth.True));
            Assert.That(evaluation.Suggested("exists-not-ecog"), Is.EqualTo(Truth.False));
        });
    }

    [Test]
    public void FactValues_VocabularyName_ReadsFactAndUnknownNameThrows()
    {
        var evaluation = ConstructRuleSet.Engine.Value.Evaluate(ConstructRuleSet.Patient(ecog: 2)).Evaluation!;
        var values = new FactValues(evaluation.Facts);
        Assert.Multiple(() =>
        {
            Assert.That(values["ecog"], Is.EqualTo(2));
            Assert.That(values["biomarkers.pdl1Tps"], Is.Null, "unknown is null");
            Assert.That(() => values["nope"], Throws.ArgumentException.With.Message.Contains("'nope' is not a fact"));
        });
        Assert.That(FactCatalog.Facts.Select(f => f.Name), Does.Contain("ecog"));
    }
}
