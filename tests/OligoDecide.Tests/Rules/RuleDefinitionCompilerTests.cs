using CsCheck;
using OligoDecide.Classification;
using OligoDecide.Facts;
using OligoDecide.Model;
using OligoDecide.Rules;

namespace OligoDecide.Tests.Rules;

/// <summary>
/// For random patients over a rule per construct: the NRules compilation fires exactly when the interpreted
/// three-valued reference says True, and the engine's compiled evaluator reaches the reference's truth for every rule.
/// </summary>
public class RuleDefinitionCompilerTests
{
    private static Gen<T?> OrNull<T>(Gen<T> gen)
        where T : struct =>
        Gen.Int[0, 3].SelectMany(i => i == 0 ? Gen.Const(default(T?)) : gen.Select(v => (T?)v));

    private static Gen<T> OneOf<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static Gen<T> EnumGen<T>()
        where T : struct, Enum => OneOf(Enum.GetValues<T>());

    private static readonly Gen<Lesion> LesionGen = Gen.Select(
        OneOf(Organ.Bone, Organ.Liver, Organ.Brain, Organ.Adrenal, Organ.LymphNodeMediastinal),
        OrNull(EnumGen<LesionStatus>()),
        OrNull(Gen.Bool),
        OrNull(Gen.Bool),
        OrNull(Gen.Int[3, 60]),
        OrNull(Gen.Int[-30, 150]),
        (organ, status, treatable, symptomatic, size, detected) => new Lesion
        {
            Organ = organ, Status = status, Treatable = treatable, Symptomatic = symptomatic, SizeMm = size,
            DetectedOn = detected is { } d ? new DateOnly(2025, 1, 1).AddDays(d) : null,
        });

    private static readonly DateOnly Jan = new(2025, 1, 1);

    private static DateOnly Min(DateOnly d) => d > ConstructRuleSet.Today ? ConstructRuleSet.Today : d;

    /// <summary>A valid therapy: any kind, setting, classes, cycles, response and status, dated in 2025 before the assessment.</summary>
    private static readonly Gen<SystemicTherapy> TherapyGen = Gen.Select(
        Gen.Select(EnumGen<TherapyKind>(), OrNull(EnumGen<TherapySetting>()), Gen.Int[0, 3], Gen.Int[0, 140]),
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 30], OrNull(Gen.Int[1, 8]), OrNull(EnumGen<Response>())),
        OrNull(Gen.Bool),
        (a, b, progressed) =>
        {
            var (kind, setting, classes, startDay) = a;
            var (status, length, cycles, response) = b;
            var started = Jan.AddDays(startDay);
            return new SystemicTherapy
            {
                Kind = kind,
                Setting = setting,
                DrugClasses = classes switch { 0 => null, 1 => [DrugClass.Vegf], 2 => [DrugClass.Chemotherapy, DrugClass.Pd1], _ => [] },
                StartedOn = started,
                StoppedOn = status == 1 ? Min(started.AddDays(length)) : null,
                Ongoing = status switch { 0 => true, 2 => false, _ => null },
                Cycles = cycles,
                BestResponse = response,
                ProgressedOn = progressed == true ? Min(started.AddDays(length / 2)) : null,
            };
        });

    internal static readonly Gen<Patient> PatientGen = Gen.Select(
        Gen.Select(OrNull(Gen.Int[0, 4]), OrNull(Gen.Int[30, 95]), OrNull(Gen.Int[0, 100]), OrNull(EnumGen<EgfrStatus>())),
        Gen.Select(OrNull(EnumGen<Histology>()), OrNull(Gen.Bool), Gen.Int[0, 3], Gen.Int[0, 2]),
        Gen.Int[0, 5].SelectMany(n => n <= 1 ? Gen.Const(n == 0 ? default(Lesion[]?) : []) : LesionGen.Array[0, 5].Select(a => (Lesion[]?)a)),
        Gen.Int[0, 3].SelectMany(n => n == 0 ? Gen.Const(default(SystemicTherapy[]?)) : TherapyGen.Array[0, 3].Select(a => (SystemicTherapy[]?)a)),
        (a, b, lesions, therapies) => new Patient
        {
            AssessedOn = ConstructRuleSet.Today,
            Ecog = a.Item1,
            AgeYears = a.Item2,
            Biomarkers = a.Item3 is null && a.Item4 is null ? null : new Biomarkers { Pdl1Tps = a.Item3, Egfr = a.Item4 },
            // The primary's date decides synchronous (2025-04-01), metachronous (2024-01-01) or, absent, leaves
            // the state open between several possible states (what a classification.state test is decided over).
            Primary = b.Item3 == 0 ? null : new PrimaryTumour
            {
                Histology = b.Item1,
                Controlled = b.Item2,
                DiagnosedOn = b.Item4 switch { 0 => null, 1 => new DateOnly(2025, 4, 1), _ => new DateOnly(2024, 1, 1) },
            },
            History = b.Item3 == 0 ? null : new MetastaticHistory { Polymetastatic = false, Oligometastatic = false },
            SystemicTherapies = therapies,
            // No metastases recorded; metastases recorded without their lesions (indeterminate, no state possible to name); or lesions.
            Metastases = lesions is null ? null : new Metastases { DiagnosedOn = new DateOnly(2025, 5, 1), Lesions = lesions.Length == 0 && a.Item2 is null ? null : lesions },
        });

    [Test]
    public void Compile_RandomPatients_FiresExactlyWhenReferenceIsTrue()
    {
        var engine = ConstructRuleSet.Engine.Value;
        var rules = engine.RuleSet.Rules;
        var factory = new NRules.RuleCompiler().Compile(rules.Select(RuleDefinitionCompiler.Compile));
        var seen = rules.ToDictionary(r => r.Id, _ => new HashSet<Truth>());

        PatientGen.Sample(patient =>
        {
            var classification = OligometastaticClassifier.Default.Classify(patient);
            var facts = PatientFactsBuilder.Build(patient, classification);
            var session = factory.CreateSession();
            session.Insert(facts);
            session.Fire();
            var fired = session.Query<SuggestionFact>().Select(s => s.RuleId).ToHashSet();

            // Reference: rules without 'suggested' first, then the chained ones.
            var truths = new Dictionary<string, Truth>();
            foreach (var rule in rules.OrderBy(r => ConditionTree.Walk(r.When).OfType<SuggestedCondition>().Any()))
            {
                truths[rule.Id] = ThreeValued.Evaluate(rule.When, facts, option =>
                {
                    var givers = rules.Where(r => r.Option == option).Select(r => truths.GetValueOrDefault(r.Id, Truth.False)).ToList();
                    return givers.Contains(Truth.True) ? Truth.True : givers.Contains(Truth.Unknown) ? Truth.Unknown : Truth.False;
                }).Truth;
            }

            foreach (var rule in rules)
            {
                if ((truths[rule.Id] == Truth.True) != fired.Contains(rule.Id))
                {
                    throw new AssertionException($"rule {rule.Id}: reference {truths[rule.Id]}, NRules fired {fired.Contains(rule.Id)}");
                }

                seen[rule.Id].Add(truths[rule.Id]);
            }

            // The engine's compiled evaluator decides; its answer must match both.
            var decision = engine.Evaluate(patient);
            foreach (var rule in rules)
            {
                if (ConstructRuleSet.Outcome(decision, rule.Id) != truths[rule.Id])
                {
                    throw new AssertionException($"rule {rule.Id}: engine {ConstructRuleSet.Outcome(decision, rule.Id)}, reference {truths[rule.Id]}");
                }
            }
        }, iter: 2_000, threads: 1);

        // The generator is only useful if it reaches every outcome of every construct.
        var missed = seen.Where(kv => kv.Value.Count < 3 && !(kv.Key.StartsWith("exists", StringComparison.Ordinal) && kv.Value.Count == 2))
            .Select(kv => $"{kv.Key}: {string.Join(",", kv.Value)}");
        Assert.That(missed, Is.Empty);
    }
}
