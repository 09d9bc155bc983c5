using System.Reflection;
using OligoDecide.Facts;

namespace OligoDecide.Rules;

/// <summary>
/// Probe inputs for checking a compiled condition against the interpreter at load: facts whose values are
/// drawn from what the condition itself tests (each constant, each bound and its neighbours, unknown),
/// lesion lists of zero to five lesions built the same way, and random option states. Deterministic
/// (fixed seed), so a load always checks the same probes.
/// </summary>
internal static class ProbeFacts
{
    private const int Count = 128;

    public static IReadOnlyList<(PatientFacts Facts, Truth[] Options)> For(Condition when, int optionCount)
    {
        var candidates = new Candidates();
        foreach (var node in ConditionTree.Walk(when))
        {
            node.Accept(Collector.Instance, candidates);
        }

        var random = new Random(20261129);
        var result = new List<(PatientFacts, Truth[])>(Count);
        for (var i = 0; i < Count; i++)
        {
            var facts = new PatientFacts();
            foreach (var (fact, values) in candidates.Facts)
            {
                // The first probe has every fact unknown; the others draw a value per fact.
                var value = i == 0 ? null : values[random.Next(values.Count)];
                Set(facts, fact, value);
                if (value is null && fact.PossibleProperty is { } possible && i > 0)
                {
                    // An unknown fact with possible values (an indeterminate state): none, one or several of them.
                    var known = values.OfType<object>().Distinct().ToList();
                    var n = random.Next(-1, Math.Min(known.Count, 3) + 1);
                    Set(facts, typeof(PatientFacts).GetProperty(possible)!, n < 0 ? null : known.OrderBy(_ => random.Next()).Take(n).ToArray());
                }
            }

            if (candidates.UsesLesions && i > 0)
            {
                var n = random.Next(-1, 6);
                Set(facts, LesionsProperty, n < 0 ? null : Enumerable.Range(0, n).Select(_ => Item<LesionFact>(candidates.Lesions, random)).ToArray());
            }

            if (candidates.UsesTherapies && i > 0)
            {
                var n = random.Next(-1, 5);
                Set(facts, TherapiesProperty, n < 0 ? null : Enumerable.Range(0, n).Select(_ => Item<TherapyFact>(candidates.Therapies, random)).ToArray());
            }

            var options = new Truth[optionCount];
            for (var o = 0; o < optionCount; o++)
            {
                options[o] = (Truth)random.Next(3);
            }

            result.Add((facts, options));
        }

        return result;
    }

    private static readonly PropertyInfo LesionsProperty = typeof(PatientFacts).GetProperty(nameof(PatientFacts.Lesions))!;

    private static readonly PropertyInfo TherapiesProperty = typeof(PatientFacts).GetProperty(nameof(PatientFacts.Therapies))!;

    private static T Item<T>(Dictionary<FactDefinition, List<object?>> candidates, Random random)
        where T : new()
    {
        var item = new T();
        foreach (var (field, values) in candidates)
        {
            Set(item, field, values[random.Next(values.Count)]);
        }

        return item;
    }

    private static void Set(object owner, FactDefinition fact, object? value) =>
        Set(owner, owner.GetType().GetProperty(fact.Property)!, value);

    private static void Set(object owner, PropertyInfo property, object? value) => property.SetValue(owner, value);

    /// <summary>The values worth probing for one fact test: unknown, the constants, the bounds and their neighbours.</summary>
    private static IEnumerable<object?> Values(FactCondition c)
    {
        yield return null;
        var type = Nullable.GetUnderlyingType(c.Fact.PropertyType) ?? c.Fact.PropertyType;
        if (type == typeof(string[]))
        {
            // A set-valued field: empty, each allowed value alone, and each tested value with another.
            yield return Array.Empty<string>();
            foreach (var v in c.Fact.AllowedValues)
            {
                yield return new[] { v };
                foreach (var tested in c.Values.OfType<string>().Where(t => t != v))
                {
                    yield return new[] { tested, v };
                }
            }

            yield break;
        }

        foreach (var v in c.Values)
        {
            yield return v;
        }

        if (type == typeof(bool))
        {
            yield return true;
            yield return false;
        }
        else if (type == typeof(string))
        {
            foreach (var v in c.Fact.AllowedValues)
            {
                yield return v;
            }
        }
        else
        {
            foreach (var bound in new[] { c.Min, c.Max }.OfType<decimal>().Concat(c.Values.Select(v => Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture))))
            {
                foreach (var d in new[] { bound - 1, bound, bound + 1, bound - 0.5m, bound + 0.5m })
                {
                    if (type == typeof(int))
                    {
                        if (d == decimal.Truncate(d))
                        {
                            yield return (int)d;
                        }
                    }
                    else
                    {
                        yield return d;
                    }
                }
            }

            yield return type == typeof(int) ? (object)0 : 0m;
        }
    }

    /// <summary>The probe values per patient-level fact, lesion field and therapy field, and which quantifiers occur.</summary>
    private sealed class Candidates
    {
        public Dictionary<FactDefinition, List<object?>> Facts { get; } = [];

        public Dictionary<FactDefinition, List<object?>> Lesions { get; } = [];

        public Dictionary<FactDefinition, List<object?>> Therapies { get; } = [];

        public bool UsesLesions { get; set; }

        public bool UsesTherapies { get; set; }
    }

    /// <summary>Adds each fact test's probe values to the patient-level, lesion-level or therapy-level candidates.</summary>
    private sealed class Collector : ConditionVisitor<Candidates, bool>
    {
        public static readonly Collector Instance = new();

        public override bool VisitAll(AllCondition condition, Candidates arg) => true;

        public override bool VisitAny(AnyCondition condition, Candidates arg) => true;

        public override bool VisitNot(NotCondition condition, Candidates arg) => true;

        public override bool VisitFact(FactCondition condition, Candidates arg)
        {
            // A fact test inside a quantifier tests an item field; the walk reaches it as a child of the quantifier.
            var target = FactCatalog.LesionByName.TryGetValue(condition.Fact.Name, out var field) && ReferenceEquals(field, condition.Fact) ? arg.Lesions
                : FactCatalog.TherapyByName.TryGetValue(condition.Fact.Name, out var tfield) && ReferenceEquals(tfield, condition.Fact) ? arg.Therapies
                : arg.Facts;
            Add(target, condition);
            return true;
        }

        public override bool VisitLesions(LesionCondition condition, Candidates arg) => arg.UsesLesions = true;

        public override bool VisitTherapies(TherapyCondition condition, Candidates arg) => arg.UsesTherapies = true;

        public override bool VisitSuggested(SuggestedCondition condition, Candidates arg) => true;

        private static void Add(Dictionary<FactDefinition, List<object?>> target, FactCondition c)
        {
            if (!target.TryGetValue(c.Fact, out var list))
            {
                target[c.Fact] = list = [];
            }

            list.AddRange(Values(c).Where(v => !list.Any(existing => Same(existing, v))));
        }

        private static bool Same(object? a, object? b) =>
            a is string[] x && b is string[] y ? x.SequenceEqual(y) : Equals(a, b);
    }
}
