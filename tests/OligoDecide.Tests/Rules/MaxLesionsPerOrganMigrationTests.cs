using CsCheck;
using OligoDecide.Classification;
using OligoDecide.Documents;
using OligoDecide.Facts;
using OligoDecide.Model;
using OligoDecide.Rules;
using OligoDecide.Tests.Reliability;

namespace OligoDecide.Tests.Rules;

/// <summary>
/// Issue 11 stop-gap: the fact organs.maxLesionsPerOrgan (SINDAS: at most 2 metastases in any organ) was replaced in
/// egfr-tki-plus-rt-all-sites by the named condition at-most-2-metastases-per-organ (one countLesions per organ).
/// The construct must have the old fact's truth (`organs.maxLesionsPerOrgan ≤ 2`) on every seed and generated patient.
/// </summary>
public class MaxLesionsPerOrganMigrationTests
{
    /// <summary>The removed fact, exactly as it was computed (PatientFactsBuilder before the migration).</summary>
    private static int? OldMaxLesionsPerOrgan(Patient p) => p.Metastases?.Lesions is { } ls
        ? ls.Where(l => l.Organ is not (null or Organ.LymphNodeMediastinal or Organ.LymphNodeHilar or Organ.LymphNodeSupraclavicular))
            .GroupBy(l => l.Organ).Select(g => g.Count()).DefaultIfEmpty(0).Max()
        : null;

    private static Truth OldTruth(Patient p) => OldMaxLesionsPerOrgan(p) is { } n ? (n <= 2 ? Truth.True : Truth.False) : Truth.Unknown;

    /// <summary>The per-organ counts of the shipped rule, as the rule set loaded them (the named condition expanded in place).</summary>
    private static readonly Lazy<Condition> Construct = new(() =>
    {
        var rule = RuleSet.LoadDefault().Rules.Single(r => r.Id == "egfr-tki-plus-rt-all-sites");
        var counts = ConditionTree.Conjuncts(rule.When).OfType<LesionCondition>()
            .Where(c => c.Quantifier == LesionQuantifier.Count && c.Where.Count == 1 && c.Where[0].Fact.Name == "organ").ToList();
        return new AllCondition(counts, 0, 0);
    });

    private static Truth NewTruth(Patient p)
    {
        var facts = PatientFactsBuilder.Build(p, OligometastaticClassifier.Default.Classify(p));
        return ThreeValued.Evaluate(Construct.Value, facts, _ => Truth.False).Truth;
    }

    [Test]
    public void Construct_CountsEveryOrganAMetastasisCanBeIn()
    {
        var organs = ((AllCondition)Construct.Value).Items.Cast<LesionCondition>().Select(c => c.Where[0].Values.Single()).Cast<string>().Order(StringComparer.Ordinal);
        var countable = Enum.GetValues<Organ>().Where(o => new Lesion { Organ = o }.IsCountable).Select(o => KebabCase.Name(o)).Order(StringComparer.Ordinal);
        Assert.That(organs, Is.EqualTo(countable));
        Assert.That(((AllCondition)Construct.Value).Items.Cast<LesionCondition>().Select(c => c.Max), Is.All.EqualTo(2));
    }

    [Test]
    public void Construct_OnEverySeed_HasTheOldFactsTruth()
    {
        var seeds = RepoPaths.SeedCases().Select(f => PatientDocument.Load(f).GetPatientOrThrow()).ToList();
        Assert.That(seeds.Select(NewTruth), Is.EqualTo(seeds.Select(OldTruth)));
        Assert.That(seeds.Select(OldTruth).Distinct(), Is.SupersetOf(new[] { Truth.True, Truth.False }), "the seeds reach both outcomes (every seed records its lesions)");
    }

    [Test]
    public void Construct_OnGeneratedPatients_HasTheOldFactsTruth()
    {
        var outcomes = new HashSet<Truth>();
        var generated = Gen.Int[0, GeneratedPatients.TenThousand.Count - 1].Select(i => GeneratedPatients.TenThousand[i].Patient);
        Gen.OneOf(generated, RuleDefinitionCompilerTests.PatientGen).Sample(p =>
        {
            var old = OldTruth(p);
            outcomes.Add(old);
            return NewTruth(p) == old;
        }, iter: 5_000, threads: 1);
        Assert.That(outcomes, Is.EquivalentTo(new[] { Truth.True, Truth.False, Truth.Unknown }), "the generators reach every outcome");
    }

    [Test]
    public void Construct_LesionWithoutOrgan_IsUnknownWhereTheOldFactIgnoredIt()
    {
        // A FHIR secondary cancer condition whose organ is not mapped: it may be the third bone metastasis.
        var p = new Patient
        {
            AssessedOn = new DateOnly(2025, 6, 1),
            Metastases = new Metastases { Lesions = [new Lesion { Organ = Organ.Bone }, new Lesion { Organ = Organ.Bone }, new Lesion()] },
        };
        Assert.That((OldTruth(p), NewTruth(p)), Is.EqualTo((Truth.True, Truth.Unknown)));
    }
}
