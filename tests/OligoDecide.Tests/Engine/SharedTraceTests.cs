using OligoDecide.Documents;
using OligoDecide.Engine;
using OligoDecide.Output;
using OligoDecide.Rules;
using OligoDecide.Synthetic;
using OligoDecide.Tests.Cli;
using Snapshooter.NUnit;

namespace OligoDecide.Tests.Engine;

/// <summary>
/// The evaluator shares the traces (and their reasons) of condition nodes between patients (NodeCache) and
/// prepares the dose schedule rows once per rule set (LesionPlanner). Neither may change a decision: the
/// decision JSON must not depend on which patients filled the caches first, and the FHIR seeds and a sample of
/// generated patients are pinned by reviewed snapshots (the patient seeds are pinned by SuggestCommandTests).
/// </summary>
public class SharedTraceTests
{
    private static readonly string DefaultSha = RuleSet.LoadDefault().Info.Sha256;

    private static List<Model.Patient> Generated(int count, int seed) =>
        [.. PatientGenerator.Documents(count, seed).Select(d => PatientDocument.Parse(d, "generated").GetPatientOrThrow())];

    [Test]
    public void GeneratedPatients_DecisionJson_SameWhicheverPatientsFilledTheCachesFirst()
    {
        var patients = Generated(1500, 11);

        // Each engine loads its own rule set, so each starts with empty caches on its own condition nodes.
        var forward = OligoDecideEngine.CreateDefault();
        var backward = OligoDecideEngine.CreateDefault();
        var first = patients.Select(p => JsonOutput.Write(forward.Evaluate(p))).ToList();
        var reversed = Enumerable.Range(0, patients.Count).Reverse().ToDictionary(i => i, i => JsonOutput.Write(backward.Evaluate(patients[i])));
        var again = patients.Select(p => JsonOutput.Write(forward.Evaluate(p))).ToList();
        var parallel = new string[patients.Count];
        Parallel.For(0, patients.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = JsonOutput.Write(OligoDecideEngine.CreateDefault().Evaluate(patients[i])));

        Assert.Multiple(() =>
        {
            for (var i = 0; i < patients.Count; i++)
            {
                Assert.That(reversed[i], Is.EqualTo(first[i]), $"patient {i}: another fill order");
                Assert.That(again[i], Is.EqualTo(first[i]), $"patient {i}: warm caches");
                Assert.That(parallel[i], Is.EqualTo(first[i]), $"patient {i}: filled from several threads");
            }
        });
    }

    [Test]
    public void SameFacts_TwoPatients_ShareTheBecauseOfEachSuggestion()
    {
        var engine = OligoDecideEngine.CreateDefault();
        var patient = Generated(200, 5).First(p => engine.Evaluate(p).Suggestions.Count > 0);
        var a = engine.Evaluate(patient);
        var b = engine.Evaluate(patient with { });

        Assert.That(a.Suggestions.Select(s => s.Rule), Is.EqualTo(b.Suggestions.Select(s => s.Rule)));
        for (var i = 0; i < a.Suggestions.Count; i++)
        {
            Assert.That(b.Suggestions[i].Because, Is.SameAs(a.Suggestions[i].Because), a.Suggestions[i].Rule);
        }
    }

    [Test]
    public void SameValue_TwoFactTests_NotShared_DecimalScaleKept()
    {
        // 1.0 and 1.00 are equal decimals but are written differently: a shared trace must not show one for the other.
        var set = RuleSet.LoadDefault();
        var cache = new NodeCache();
        var one = new ConditionTrace(set.Rules[0].When, Truth.True, []) { Value = 1.0m };
        var stored = cache.Add(1.0m, 0, one);
        Assert.Multiple(() =>
        {
            Assert.That(stored.Shared, Is.True);
            Assert.That(cache.Find(1.0m, 0), Is.SameAs(stored));
            Assert.That(cache.Find(1.00m, 0), Is.Null);
            Assert.That(cache.Find(1.0m, 1), Is.Null);
            Assert.That(cache.Find(null, 0), Is.Null);
        });
    }

    private static IEnumerable<string> FhirSeeds() =>
        Directory.GetFiles(Path.Combine(Repo.Root, "seeds", "fhir"), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    [TestCaseSource(nameof(FhirSeeds))]
    public void Suggest_FhirSeedJson_MatchesReviewedSnapshot(string bundle)
    {
        // The unmapped-codes bundle warns on stderr (and lists the warnings in the JSON); the exit code is 0 for all.
        var (exit, stdout, _) = CliRunner.Run("suggest", Path.Combine(Repo.Root, "seeds", "fhir", bundle), "--format", "json");
        Assert.That(exit, Is.EqualTo(0));
        Snapshot.Match(stdout.Replace(DefaultSha, "<sha256>", StringComparison.Ordinal));
    }

    [Test]
    public void GeneratedPatients_DecisionJson_MatchesReviewedSnapshot()
    {
        var engine = OligoDecideEngine.CreateDefault();
        var lines = Generated(24, 2025).Select(p => JsonOutput.Write(engine.Evaluate(p)).Replace(DefaultSha, "<sha256>", StringComparison.Ordinal));
        Snapshot.Match(string.Join("\n", lines));
    }
}
