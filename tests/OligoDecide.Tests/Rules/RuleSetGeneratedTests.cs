using System.Text;
using OligoDecide.Model;
using static OligoDecide.Tests.Rules.ConstructRuleSet;

namespace OligoDecide.Tests.Rules;

/// <summary>A generated rule set of 100 rules loads, compiles, and each rule fires on a patient built for it.</summary>
public class RuleSetGeneratedTests
{
    private static readonly EgfrStatus[] Egfr = [EgfrStatus.Negative, EgfrStatus.Exon19Deletion, EgfrStatus.L858r, EgfrStatus.Exon20Insertion, EgfrStatus.Other];

    // Rule i: ecog = i % 5, age exactly 20 + i (20-119: a valid age, as Evaluate checks), egfr = Egfr[i % 5], and i % 3 bone lesions.
    private static string When(int i) => $"""
        - fact: ecog
          equals: {i % 5}
        - fact: ageYears
          min: {20 + i}
          max: {20 + i}
        - fact: biomarkers.egfr
          in: [{Egfr[i % 5].ToString() switch { "Exon19Deletion" => "exon19-deletion", "Exon20Insertion" => "exon20-insertion", var s => s.ToLowerInvariant() }}]
        - countLesions: {"{"} where: {"{"} organ: bone {"}"}, min: {i % 3}, max: {i % 3} {"}"}
        """;

    private static Patient For(int i) => Patient(ecog: i % 5, age: 20 + i, egfr: Egfr[i % 5], lesions: [.. Enumerable.Range(0, i % 3).Select(_ => L(Organ.Bone))]);

    [Test]
    public void Load_HundredGeneratedRules_EachFiresOnItsPatient()
    {
        var yaml = new StringBuilder("rules:\n");
        for (var i = 0; i < 100; i++)
        {
            yaml.Append(RuleSetFolder.Rule($"gen-{i:D3}", When(i), $"priority: {i % 7}")).Append('\n');
        }

        var engine = RuleSetFolder.Engine(yaml.ToString());
        Assert.That(engine.RuleSet.Rules, Has.Count.EqualTo(100));
        for (var i = 0; i < 100; i++)
        {
            var decision = engine.Evaluate(For(i));
            Assert.That(decision.Suggestions.Select(s => s.Rule), Is.EqualTo(new[] { $"gen-{i:D3}" }), $"patient {i}");
        }
    }
}
